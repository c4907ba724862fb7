/**
 * Test helpers that talk to the cognito-local started by the integration harness. Exported from
 * the index as `authTesting`; the Cognito SDK is loaded on first use so services that import
 * `@taskmgr/auth` in production do not pay for it.
 */
import { randomUUID } from 'node:crypto';

type CognitoSdk = typeof import('@aws-sdk/client-cognito-identity-provider');
type CognitoClient = InstanceType<CognitoSdk['CognitoIdentityProviderClient']>;

/** What the integration global setup exports for cognito-local. */
export interface CognitoTestEnv {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  issuer: string;
  region: string;
}

const REQUIRED_ENV = [
  'COGNITO_ENDPOINT',
  'COGNITO_USER_POOL_ID',
  'COGNITO_CLIENT_ID',
  'COGNITO_ISSUER',
] as const;

/** Reads the cognito-local settings, failing loudly when the harness did not provide them. */
export function cognitoTestEnv(
  env: Record<string, string | undefined> = process.env,
): CognitoTestEnv {
  const missing = REQUIRED_ENV.filter((name) => !env[name]);
  const [endpoint, userPoolId, clientId, issuer] = REQUIRED_ENV.map((name) => env[name]);
  if (missing.length > 0 || !endpoint || !userPoolId || !clientId || !issuer) {
    throw new Error(
      `${missing.join(', ')} not set: cognito-local tests must run in the jest "integration" ` +
        'project, whose global setup starts cognito-local and exports these variables',
    );
  }
  return { endpoint, userPoolId, clientId, issuer, region: env.AWS_REGION ?? 'us-east-1' };
}

export interface CognitoTestUser {
  /** The Cognito `sub`. */
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

export interface CognitoTestTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

interface CognitoEndpoint {
  endpoint: string;
  /** Defaults to AWS_REGION, then us-east-1. */
  region?: string;
}

export interface CreateCognitoTestUserInput extends CognitoEndpoint {
  userPoolId: string;
  clientId: string;
  /** Defaults to a unique address, so tests never collide. */
  email?: string;
  password?: string;
  /** Extra user attributes, e.g. `{ given_name: 'Ada' }`. */
  attributes?: Record<string, string>;
}

/** Signs a user up, confirms them as an admin would, and logs in with USER_PASSWORD_AUTH. */
export async function createCognitoTestUser(
  input: CreateCognitoTestUserInput,
): Promise<CognitoTestUser> {
  const email = input.email ?? `user-${randomUUID()}@example.test`;
  const password = input.password ?? `Pw1!${randomUUID()}`;
  const userId = await withClient(input, async (sdk, client) => {
    const signUp = await client.send(
      new sdk.SignUpCommand({
        ClientId: input.clientId,
        Username: email,
        Password: password,
        UserAttributes: Object.entries({ ...input.attributes, email }).map(([Name, Value]) => ({
          Name,
          Value,
        })),
      }),
    );
    await client.send(
      new sdk.AdminConfirmSignUpCommand({ UserPoolId: input.userPoolId, Username: email }),
    );
    if (!signUp.UserSub) throw new Error('cognito-local SignUp returned no UserSub');
    return signUp.UserSub;
  });
  const tokens = await signInCognitoTestUser({ ...input, email, password });
  return { userId, email, password, ...tokens };
}

export interface SignInCognitoTestUserInput extends CognitoEndpoint {
  clientId: string;
  email: string;
  password: string;
}

/** Logs an existing user in through the given app client. */
export async function signInCognitoTestUser(
  input: SignInCognitoTestUserInput,
): Promise<CognitoTestTokens> {
  return withClient(input, async (sdk, client) => {
    const { AuthenticationResult: result } = await client.send(
      new sdk.InitiateAuthCommand({
        ClientId: input.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: input.email, PASSWORD: input.password },
      }),
    );
    if (!result?.AccessToken || !result.IdToken || !result.RefreshToken) {
      throw new Error('cognito-local InitiateAuth returned no tokens');
    }
    return {
      accessToken: result.AccessToken,
      idToken: result.IdToken,
      refreshToken: result.RefreshToken,
    };
  });
}

export interface CreateCognitoTestClientInput extends CognitoEndpoint {
  userPoolId: string;
  clientName?: string;
}

/** Adds another app client to the pool, e.g. to show its tokens are refused. Returns its id. */
export async function createCognitoTestClient(
  input: CreateCognitoTestClientInput,
): Promise<string> {
  return withClient(input, async (sdk, client) => {
    const { UserPoolClient } = await client.send(
      new sdk.CreateUserPoolClientCommand({
        UserPoolId: input.userPoolId,
        ClientName: input.clientName ?? `test-client-${randomUUID().slice(0, 8)}`,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    if (!UserPoolClient?.ClientId) throw new Error('cognito-local returned no ClientId');
    return UserPoolClient.ClientId;
  });
}

async function withClient<T>(
  target: CognitoEndpoint,
  use: (sdk: CognitoSdk, client: CognitoClient) => Promise<T>,
): Promise<T> {
  const sdk = await import('@aws-sdk/client-cognito-identity-provider');
  const client = new sdk.CognitoIdentityProviderClient({
    endpoint: target.endpoint,
    region: target.region ?? process.env.AWS_REGION ?? 'us-east-1',
    // cognito-local ignores signatures, but the SDK will not send unsigned requests.
    credentials: { accessKeyId: 'cognito-local', secretAccessKey: 'cognito-local' },
  });
  try {
    return await use(sdk, client);
  } finally {
    client.destroy();
  }
}
