import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  bootstrapUserPool,
  freePort,
  JavaMissingError,
  type LocalEngines,
  PortInUseError,
  startLocalEngines,
} from '@taskmgr/local-engines';
import { childPids, isAlive } from '../process-tree';

// Each test starts its own engines on their own ports, apart from the global ones.
jest.setTimeout(180_000);

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

function cognitoClient(engines: LocalEngines) {
  return new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: engines.cognito.endpoint,
    credentials,
  });
}

function dynamoClient(endpoint: string) {
  return new DynamoDBClient({ region: 'us-east-1', endpoint, credentials });
}

function decodeJwtPart(token: string, index: 0 | 1): Record<string, unknown> {
  const part = token.split('.')[index] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function holdPort(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

// Jest may run this file in its main process, where the global engines are children too.
let before = new Set<number>();
beforeEach(() => {
  before = new Set(childPids());
});
const newChildren = () => childPids().filter((pid) => !before.has(pid));

async function expectStopped(engines: LocalEngines) {
  const pids = [engines.dynamo.process.pid, engines.cognito.process.pid];
  expect(pids.every((pid) => typeof pid === 'number')).toBe(true);
  await engines.stop();
  for (const pid of pids) expect(isAlive(pid)).toBe(false);
  expect(newChildren()).toEqual([]);
}

test('both engines answer, the pool and client are set up, tokens carry the issuer', async () => {
  const engines = await startLocalEngines();
  try {
    expect(Object.keys(engines.env).sort()).toEqual([
      'AWS_REGION',
      'COGNITO_CLIENT_ID',
      'COGNITO_ENDPOINT',
      'COGNITO_ISSUER',
      'COGNITO_USER_POOL_ID',
      'DYNAMODB_ENDPOINT',
    ]);
    // Not the engines the global setup started for the other tests.
    expect(engines.env.DYNAMODB_ENDPOINT).not.toBe(process.env.DYNAMODB_ENDPOINT);
    expect(engines.env.COGNITO_ENDPOINT).not.toBe(process.env.COGNITO_ENDPOINT);

    const dynamo = dynamoClient(engines.dynamo.endpoint);
    await expect(dynamo.send(new ListTablesCommand({}))).resolves.toHaveProperty('TableNames');
    dynamo.destroy();

    const cognito = cognitoClient(engines);
    const { UserPool } = await cognito.send(
      new DescribeUserPoolCommand({ UserPoolId: engines.cognito.userPoolId }),
    );
    expect(UserPool?.UsernameAttributes).toEqual(['email']);
    expect(UserPool?.AutoVerifiedAttributes).toEqual(['email']);
    expect(UserPool?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
    });
    const { UserPoolClient } = await cognito.send(
      new DescribeUserPoolClientCommand({
        UserPoolId: engines.cognito.userPoolId,
        ClientId: engines.cognito.clientId,
      }),
    );
    expect([...(UserPoolClient?.ExplicitAuthFlows ?? [])].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
    ]);
    expect(UserPoolClient?.EnableTokenRevocation).toBe(true);
    expect(UserPoolClient?.ClientSecret).toBeUndefined();

    // A real login proves the issuer and JWKS the services will be configured with.
    const email = 'ada@example.com';
    const password = 'Sup3rSecret';
    await cognito.send(
      new SignUpCommand({
        ClientId: engines.cognito.clientId,
        Username: email,
        Password: password,
      }),
    );
    await cognito.send(
      new AdminConfirmSignUpCommand({ UserPoolId: engines.cognito.userPoolId, Username: email }),
    );
    const auth = await cognito.send(
      new InitiateAuthCommand({
        ClientId: engines.cognito.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    cognito.destroy();
    const accessToken = auth.AuthenticationResult?.AccessToken ?? '';
    const claims = decodeJwtPart(accessToken, 1);
    expect(claims.iss).toBe(engines.cognito.issuer);
    expect(claims.iss).toBe(
      `http://127.0.0.1:${engines.cognito.port}/${engines.cognito.userPoolId}`,
    );
    expect(claims.token_use).toBe('access');
    expect(claims.client_id).toBe(engines.cognito.clientId);
    const jwks = (await (await fetch(engines.cognito.jwksUri)).json()) as {
      keys: { kid: string }[];
    };
    expect(jwks.keys.map((k) => k.kid)).toContain(decodeJwtPart(accessToken, 0).kid);
  } finally {
    await expectStopped(engines);
  }
});

test('with a data dir, bootstrap and restarts keep the same pool, client and tables', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'engines-test-'));
  try {
    const first = await startLocalEngines({ dataDir });
    let ids: { userPoolId: string; clientId: string };
    try {
      ids = { userPoolId: first.cognito.userPoolId, clientId: first.cognito.clientId };
      const again = await bootstrapUserPool({
        endpoint: first.cognito.endpoint,
        region: 'us-east-1',
        poolName: 'taskmgr-local',
        clientName: 'taskmgr-web',
      });
      expect(again).toEqual({
        ...ids,
        issuer: first.cognito.issuer,
        jwksUri: first.cognito.jwksUri,
      });
      const dynamo = dynamoClient(first.dynamo.endpoint);
      await dynamo.send(
        new CreateTableCommand({
          TableName: 'kept',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      dynamo.destroy();
    } finally {
      await expectStopped(first);
    }

    // Fresh ports on purpose: the ids survive, the issuer follows the new port.
    const second = await startLocalEngines({ dataDir });
    try {
      expect(second.cognito.userPoolId).toBe(ids.userPoolId);
      expect(second.cognito.clientId).toBe(ids.clientId);
      expect(second.cognito.issuer).toBe(`${second.cognito.endpoint}/${ids.userPoolId}`);
      const dynamo = dynamoClient(second.dynamo.endpoint);
      const { TableNames } = await dynamo.send(new ListTablesCommand({}));
      dynamo.destroy();
      expect(TableNames).toContain('kept');
    } finally {
      await expectStopped(second);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test.each([
  ['dynamoPort', 'DynamoDB Local'],
  ['cognitoPort', 'cognito-local'],
] as const)(
  'a busy %s fails with one line naming the port, and nothing is left running',
  async (option, engine) => {
    const port = await freePort();
    const squatter = await holdPort(port);
    try {
      const error = await startLocalEngines({ [option]: port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      const message = (error as Error).message;
      expect(message).toContain(`Port ${port} is already in use`);
      expect(message).toContain(engine);
      expect(message).not.toContain('\n');
      // Refused before anything started, so nothing is left behind.
      expect(newChildren()).toEqual([]);
    } finally {
      squatter.close();
    }
  },
);

test('without java on PATH the start fails with JavaMissingError and leaves nothing running', async () => {
  const emptyBin = await mkdtemp(join(tmpdir(), 'no-java-'));
  const path = process.env.PATH;
  process.env.PATH = emptyBin;
  try {
    const error = await startLocalEngines().then(
      (engines) => engines.stop().then(() => 'started anyway'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JavaMissingError);
    expect((error as Error).message).toMatch(/Java 17.*not found on PATH/);
    expect(newChildren()).toEqual([]);
  } finally {
    process.env.PATH = path;
    await rm(emptyBin, { recursive: true, force: true });
  }
});
