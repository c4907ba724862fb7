import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUnreachableError, isCognitoError } from './errors';

export interface CognitoPool {
  userPoolId: string;
  /** The public app client (no secret) whose tokens the services accept. */
  clientId: string;
}

export interface SignUpOutcome {
  /** The Cognito `sub`; admin calls accept it as the username in an email-username pool. */
  userId: string;
  confirmed: boolean;
  codeDelivery: { medium: string; destination: string } | undefined;
}

/** What Cognito issued. The refresh token is absent after a refresh without rotation. */
export interface IssuedTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string | undefined;
  expiresIn: number | undefined;
}

export interface CognitoAccount {
  username: string;
  userId: string;
  status: string;
  createdAt: Date;
}

/** Signing in needs a step this API does not offer (new password, MFA). */
export class ChallengeRequiredError extends Error {
  constructor(readonly challenge: string) {
    super(`Cognito asked for the ${challenge} challenge`);
    this.name = 'ChallengeRequiredError';
  }
}

/**
 * The only code that talks to Cognito. It throws Cognito's own exceptions, for the caller to
 * interpret (cognito/errors.ts), because one exception means different things in different flows;
 * failures to get any answer become CognitoUnreachableError. Admin operations are addressed by
 * username or sub, never by email, so they always reach exactly one account.
 */
export class CognitoIdentityProvider {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly pool: CognitoPool,
  ) {}

  async signUp(email: string, password: string): Promise<SignUpOutcome> {
    const command = new SignUpCommand({
      ClientId: this.pool.clientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    });
    const output = await this.call(() => this.client.send(command));
    if (!output.UserSub) throw new CognitoUnreachableError('SignUp returned no UserSub');
    const delivery = output.CodeDeliveryDetails;
    return {
      userId: output.UserSub,
      confirmed: output.UserConfirmed === true,
      codeDelivery:
        delivery?.DeliveryMedium && delivery.Destination
          ? { medium: delivery.DeliveryMedium, destination: delivery.Destination }
          : undefined,
    };
  }

  async confirmSignUp(email: string, code: string): Promise<void> {
    const command = new ConfirmSignUpCommand({
      ClientId: this.pool.clientId,
      Username: email,
      ConfirmationCode: code,
    });
    await this.call(() => this.client.send(command));
  }

  async adminConfirmSignUp(username: string): Promise<void> {
    const command = new AdminConfirmSignUpCommand({
      UserPoolId: this.pool.userPoolId,
      Username: username,
    });
    await this.call(() => this.client.send(command));
  }

  async signInWithPassword(email: string, password: string): Promise<IssuedTokens> {
    const command = new InitiateAuthCommand({
      ClientId: this.pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    });
    const output = await this.call(() => this.client.send(command));
    if (output.ChallengeName) throw new ChallengeRequiredError(output.ChallengeName);
    return issuedTokens(output.AuthenticationResult);
  }

  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const command = new InitiateAuthCommand({
      ClientId: this.pool.clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    });
    const output = await this.call(() => this.client.send(command));
    if (output.ChallengeName) throw new ChallengeRequiredError(output.ChallengeName);
    return issuedTokens(output.AuthenticationResult);
  }

  async revokeRefreshToken(refreshToken: string): Promise<void> {
    const command = new RevokeTokenCommand({ ClientId: this.pool.clientId, Token: refreshToken });
    await this.call(() => this.client.send(command));
  }

  /** The account a username, sub or email address belongs to, or undefined. */
  async findAccount(usernameOrAlias: string): Promise<CognitoAccount | undefined> {
    const command = new AdminGetUserCommand({
      UserPoolId: this.pool.userPoolId,
      Username: usernameOrAlias,
    });
    try {
      const output = await this.call(() => this.client.send(command));
      const sub = output.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
      if (!output.Username || !sub) {
        throw new CognitoUnreachableError('AdminGetUser returned no username or sub');
      }
      return {
        username: output.Username,
        userId: sub,
        status: output.UserStatus ?? 'UNKNOWN',
        createdAt: output.UserCreateDate ?? new Date(0),
      };
    } catch (error) {
      if (isCognitoError(error, 'UserNotFoundException')) return undefined;
      throw error;
    }
  }

  /** Deletes the account; false when it was already gone, so a retry is harmless. */
  async deleteAccount(username: string): Promise<boolean> {
    const command = new AdminDeleteUserCommand({
      UserPoolId: this.pool.userPoolId,
      Username: username,
    });
    try {
      await this.call(() => this.client.send(command));
      return true;
    } catch (error) {
      if (isCognitoError(error, 'UserNotFoundException')) return false;
      throw error;
    }
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof CognitoIdentityProviderServiceException) throw error;
      throw new CognitoUnreachableError(error);
    }
  }
}

function issuedTokens(result: AuthenticationResultType | undefined): IssuedTokens {
  if (!result?.AccessToken || !result.IdToken) {
    throw new CognitoUnreachableError('InitiateAuth returned no tokens');
  }
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    refreshToken: result.RefreshToken,
    expiresIn: result.ExpiresIn,
  };
}
