/**
 * Direct calls to the cognito-local that the integration harness started: to set up states a
 * crash would leave behind and to check what the service did. Test code only.
 */
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  SignUpCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { authTesting } from '@taskmgr/auth';

export class CognitoAdmin {
  private readonly env = authTesting.cognitoTestEnv();
  private readonly client = new CognitoIdentityProviderClient({
    region: this.env.region,
    endpoint: this.env.endpoint,
    credentials: { accessKeyId: 'cognito-local', secretAccessKey: 'cognito-local' },
  });

  async usersWithEmail(email: string): Promise<UserType[]> {
    const { Users } = await this.client.send(
      new ListUsersCommand({ UserPoolId: this.env.userPoolId, Filter: `email = "${email}"` }),
    );
    return Users ?? [];
  }

  async exists(username: string): Promise<boolean> {
    try {
      await this.client.send(
        new AdminGetUserCommand({ UserPoolId: this.env.userPoolId, Username: username }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'UserNotFoundException') return false;
      throw error;
    }
  }

  /** An unconfirmed account, as a registration that died right after SignUp leaves it. */
  async signUpOnly(email: string, password: string): Promise<string> {
    const { UserSub } = await this.client.send(
      new SignUpCommand({
        ClientId: this.env.clientId,
        Username: email,
        Password: password,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    if (!UserSub) throw new Error('SignUp returned no UserSub');
    return UserSub;
  }

  async deleteUser(username: string): Promise<void> {
    await this.client.send(
      new AdminDeleteUserCommand({ UserPoolId: this.env.userPoolId, Username: username }),
    );
  }

  /**
   * cognito-local "sends" codes to its own console; the only place a test can read one is its
   * data file, `<data dir>/.cognito/db/<pool id>.json`, under the temp dir the harness made.
   */
  async confirmationCode(email: string): Promise<string> {
    const poolFile = `${this.env.userPoolId}.json`;
    const candidates = (await readdir(tmpdir())).filter((d) => d.startsWith('taskmgr-cognito-'));
    for (const dir of candidates) {
      const file = join(tmpdir(), dir, '.cognito', 'db', poolFile);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        continue;
      }
      const db = JSON.parse(text) as { Users?: Record<string, CognitoLocalUser> };
      for (const user of Object.values(db.Users ?? {})) {
        const userEmail = user.Attributes?.find((a) => a.Name === 'email')?.Value;
        if (userEmail === email && user.ConfirmationCode) return user.ConfirmationCode;
      }
    }
    throw new Error(`no confirmation code for ${email} in cognito-local's data`);
  }

  destroy(): void {
    this.client.destroy();
  }
}

interface CognitoLocalUser {
  Attributes?: Array<{ Name: string; Value: string }>;
  ConfirmationCode?: string;
}
