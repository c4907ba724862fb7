/**
 * An integration-test task service: the real app on its own table in the DynamoDB Local the
 * harness started, verifying real access tokens from the harness's cognito-local.
 */
import { authTesting } from '@taskmgr/auth';
import { userPartition } from '@taskmgr/dynamo';
import type { ServiceApp } from '@taskmgr/service-kit';
import { createTestTable, filledBeforeAll, queryAll, type TestTable } from '@taskmgr/test-support';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app';
import { loadTaskServiceConfig } from '../../src/config';

export const TEST_CURSOR_SECRET = 'task-service-integration-cursor-secret-0123456789';

export interface TestService {
  app: ServiceApp;
  table: TestTable;
  close(): Promise<void>;
}

export async function startTestService(label: string): Promise<TestService> {
  const table = await createTestTable(label);
  const cognito = authTesting.cognitoTestEnv();
  const config = loadTaskServiceConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AWS_REGION: cognito.region,
    DYNAMODB_TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
    COGNITO_USER_POOL_ID: cognito.userPoolId,
    COGNITO_CLIENT_ID: cognito.clientId,
    COGNITO_ISSUER: cognito.issuer,
    CURSOR_SECRET: TEST_CURSOR_SECRET,
    // A busy 2-core runner would otherwise trip load shedding mid-test.
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    PRESSURE_MAX_EVENT_LOOP_UTILIZATION: '0',
  });
  const app = await buildApp(config, { dynamo: table });
  await app.ready();
  return {
    app,
    table,
    async close() {
      await app.close();
      await table.destroy();
    },
  };
}

/** A signed-up, confirmed cognito-local user and the calls they make to the service. */
export interface TestUser {
  userId: string;
  accessToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function signUpUser(app: ServiceApp): Promise<TestUser> {
  const user = await authTesting.createCognitoTestUser(authTesting.cognitoTestEnv());
  return {
    userId: user.userId,
    accessToken: user.accessToken,
    request: (options) =>
      app.inject({
        ...options,
        headers: { ...options.headers, authorization: `Bearer ${user.accessToken}` },
      }),
  };
}

/** The test file's service and one signed-up user, made in beforeAll and closed in afterAll. */
export function useTestService(label: string): { service: TestService; user: TestUser } {
  const service = filledBeforeAll(() => startTestService(label));
  const user = filledBeforeAll(() => signUpUser(service.app));
  afterAll(() => service.close());
  return { service, user };
}

/** Every item in a user's partition, read straight from the table. */
export async function partitionItems(
  table: TestTable,
  userId: string,
): Promise<Record<string, unknown>[]> {
  return queryAll(table, {
    KeyConditionExpression: 'EntityPartition = :pk',
    ExpressionAttributeValues: { ':pk': userPartition(userId) },
    ConsistentRead: true,
  });
}
