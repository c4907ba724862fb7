import { createDynamoClients } from '@taskmgr/dynamo';
import { dynamoTableReadinessCheck } from '@taskmgr/service-kit';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { buildExampleApp } from '../support/example-app';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('service-kit-ready');
});

afterAll(() => table.destroy());

describe('/health/ready against DynamoDB Local', () => {
  it('is 200 when the configured table exists', async () => {
    const { app } = await buildExampleApp({ readinessChecks: [dynamoTableReadinessCheck(table)] });
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      checks: { dynamodb: { status: 'ok', durationMs: expect.any(Number) } },
    });
    await app.close();
  });

  it('is 503 problem+json naming the check when the table does not exist', async () => {
    const missing = createDynamoClients({
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
      DYNAMODB_TABLE_NAME: 'service-kit-no-such-table',
    });
    const { app, logs } = await buildExampleApp({
      readinessChecks: [dynamoTableReadinessCheck(missing)],
    });
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      status: 503,
      title: 'Service Unavailable',
      detail: 'Readiness check failed: dynamodb',
      checks: { dynamodb: { status: 'fail', reason: 'error' } },
    });
    // The table name stays in the log, not in the public answer.
    expect(res.body).not.toContain('service-kit-no-such-table');
    expect(logs.text()).toContain('readiness check failed');
    await app.close();
    missing.client.destroy();
  });

  it('times out rather than hanging when DynamoDB does not answer', async () => {
    // A 1 ms budget is shorter than any round trip: it stands in for a DynamoDB that never answers.
    const check = dynamoTableReadinessCheck(table, { timeoutMs: 1 });
    const { app } = await buildExampleApp({ readinessChecks: [check] });
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks.dynamodb).toMatchObject({ status: 'fail', reason: 'timeout' });
    await app.close();
  });
});
