import { randomUUID } from 'node:crypto';
import { authTesting } from '@taskmgr/auth';
import type { ServiceApp } from '@taskmgr/service-kit';
import { createTestTable, filledBeforeAll, type TestTable } from '@taskmgr/test-support';
import { buildApp, type UserServiceDeps } from '../../src/app';
import { loadUserServiceConfig } from '../../src/config';
import { type CapturedLogs, captureLogs } from './logs';

export interface TestApp {
  app: ServiceApp;
  logs: CapturedLogs;
}

/**
 * The service against the cognito-local and DynamoDB Local the integration harness started, on
 * the test file's own table. Rate limits are out of the way unless a test sets them.
 */
export async function buildTestApp(
  table: TestTable,
  env: Record<string, string> = {},
  deps: UserServiceDeps = {},
): Promise<TestApp> {
  const cognito = authTesting.cognitoTestEnv();
  const logs = captureLogs();
  const config = loadUserServiceConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    // A busy 2-core runner would otherwise trip load shedding.
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    PRESSURE_MAX_EVENT_LOOP_UTILIZATION: '0',
    AWS_REGION: cognito.region,
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
    DYNAMODB_TABLE_NAME: table.tableName,
    COGNITO_ENDPOINT: cognito.endpoint,
    COGNITO_USER_POOL_ID: cognito.userPoolId,
    COGNITO_CLIENT_ID: cognito.clientId,
    COGNITO_ISSUER: cognito.issuer,
    AUTH_RATE_LIMIT_PER_IP: '10000',
    AUTH_RATE_LIMIT_PER_EMAIL: '10000',
    ...env,
  });
  const app = await buildApp(config, {
    dynamo: table,
    loggerDestination: logs.destination,
    ...deps,
  });
  return { app, logs };
}

/** The test file's own table and app, made in beforeAll and closed (app first) in afterAll. */
export function useTestApp(
  label: string,
  env: Record<string, string> = {},
): { table: TestTable; subject: TestApp } {
  const table = filledBeforeAll(() => createTestTable(label));
  const subject = filledBeforeAll(() => buildTestApp(table, env));
  afterAll(async () => {
    await subject.app.close();
    await table.destroy();
  });
  return { table, subject };
}

/** A fresh address per call, so test files and reruns never share an account. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 13)}@example.test`;
}

export const GOOD_PASSWORD = 'Correct-Horse-9';

export function registration(email: string, overrides: Record<string, unknown> = {}) {
  return { email, password: GOOD_PASSWORD, firstName: 'Ada', lastName: 'Lovelace', ...overrides };
}

export function bearer(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}
