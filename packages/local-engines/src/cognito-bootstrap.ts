import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  type ExplicitAuthFlowsType,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_CREDENTIALS } from './cognito-local';

export interface BootstrapUserPoolOptions {
  endpoint: string;
  region: string;
  poolName: string;
  clientName: string;
}

export interface BootstrappedUserPool {
  userPoolId: string;
  clientId: string;
  issuer: string;
  jwksUri: string;
}

/** The flows the user service uses: password login and refresh, nothing else. */
export const APP_CLIENT_AUTH_FLOWS: ExplicitAuthFlowsType[] = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

/**
 * Finds or creates the pool and its app client by name, so running it again against the same
 * cognito-local data returns the same ids. An existing client whose flows or revocation
 * setting drifted is updated rather than duplicated.
 */
export async function bootstrapUserPool(
  options: BootstrapUserPoolOptions,
): Promise<BootstrappedUserPool> {
  const client = new CognitoIdentityProviderClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const userPoolId =
      (await findUserPool(client, options.poolName)) ??
      (await createUserPool(client, options.poolName));
    const clientId = await ensureAppClient(client, userPoolId, options.clientName);
    const issuer = `${options.endpoint.replace(/\/+$/, '')}/${userPoolId}`;
    return { userPoolId, clientId, issuer, jwksUri: `${issuer}/.well-known/jwks.json` };
  } finally {
    client.destroy();
  }
}

async function findUserPool(
  client: CognitoIdentityProviderClient,
  name: string,
): Promise<string | undefined> {
  let nextToken: string | undefined;
  const matches: { id: string; created: number }[] = [];
  do {
    const page = await client.send(
      new ListUserPoolsCommand({ MaxResults: 60, NextToken: nextToken }),
    );
    for (const pool of page.UserPools ?? []) {
      if (pool.Name === name && pool.Id) {
        matches.push({ id: pool.Id, created: pool.CreationDate?.getTime() ?? 0 });
      }
    }
    nextToken = page.NextToken;
  } while (nextToken);
  // Should duplicates ever exist, the oldest one is the one earlier runs handed out.
  matches.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  return matches[0]?.id;
}

async function createUserPool(client: CognitoIdentityProviderClient, name: string) {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 7,
        },
      },
      AccountRecoverySetting: {
        RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
      },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      MfaConfiguration: 'OFF',
    }),
  );
  if (!UserPool?.Id) throw new Error(`cognito-local created user pool "${name}" without an id`);
  return UserPool.Id;
}

function hasWantedSettings(appClient: UserPoolClientType | undefined): boolean {
  const flows = [...(appClient?.ExplicitAuthFlows ?? [])].sort();
  return (
    appClient?.EnableTokenRevocation === true &&
    JSON.stringify(flows) === JSON.stringify([...APP_CLIENT_AUTH_FLOWS].sort())
  );
}

async function ensureAppClient(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  clientName: string,
): Promise<string> {
  let nextToken: string | undefined;
  let existingId: string | undefined;
  do {
    const page = await client.send(
      new ListUserPoolClientsCommand({
        UserPoolId: userPoolId,
        MaxResults: 60,
        NextToken: nextToken,
      }),
    );
    existingId ??= page.UserPoolClients?.find((c) => c.ClientName === clientName)?.ClientId;
    nextToken = page.NextToken;
  } while (nextToken && !existingId);

  const settings = {
    ExplicitAuthFlows: APP_CLIENT_AUTH_FLOWS,
    EnableTokenRevocation: true,
    PreventUserExistenceErrors: 'ENABLED' as const,
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    RefreshTokenValidity: 30,
    TokenValidityUnits: {
      AccessToken: 'minutes',
      IdToken: 'minutes',
      RefreshToken: 'days',
    } as const,
  };

  if (existingId) {
    const { UserPoolClient } = await client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: existingId }),
    );
    if (!hasWantedSettings(UserPoolClient)) {
      await client.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientId: existingId,
          ClientName: clientName,
          ...settings,
        }),
      );
    }
    return existingId;
  }

  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: clientName,
      GenerateSecret: false,
      ...settings,
    }),
  );
  if (!UserPoolClient?.ClientId) {
    throw new Error(`cognito-local created app client "${clientName}" without an id`);
  }
  return UserPoolClient.ClientId;
}
