/**
 * The benchmark's operations, each as an HTTP request against the service and as the same
 * DynamoDB work issued straight through the SDK. The orchestrator uses the first, the SDK
 * runner process the second.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  buildTaskItem,
  type DynamoClients,
  newId,
  taskKey,
  taskListQueryInput,
} from '@taskmgr/dynamo';

export const CONCURRENCY = 10;
const PAGE = 20;

export type ScenarioName = 'create' | 'get-by-id' | 'list-page-of-20';

export interface Scenario {
  name: ScenarioName;
  /** One HTTP request against the service. */
  http(): { method: 'GET' | 'POST'; path: string; body?: string };
  /** The same DynamoDB work, straight through the SDK. */
  direct(): Promise<unknown>;
}

/** One timed run of one side. */
export interface Measurement {
  operations: number;
  seconds: number;
  p50: number;
  p99: number;
  failures: number;
  /** Response status counts; only the service has them. */
  statuses?: Array<[string, number]>;
}

export function buildScenarios(
  clients: DynamoClients,
  userId: string,
  taskIds: string[],
): Scenario[] {
  const { doc, tableName } = clients;
  const randomTaskId = () => taskIds[Math.floor(Math.random() * taskIds.length)] ?? '';
  const createBody = () => ({
    title: 'Benchmark task',
    description: 'Created under load',
    dueDate: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  const listInput = taskListQueryInput(tableName, userId, { sort: 'createdAt', order: 'desc' });
  return [
    {
      name: 'create',
      http: () => ({ method: 'POST', path: '/tasks', body: JSON.stringify(createBody()) }),
      direct: () => {
        const body = createBody();
        const now = new Date();
        const item = buildTaskItem({ userId, taskId: newId(now), ...body }, now);
        return doc.send(
          new PutCommand({
            TableName: tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(EntityPartition)',
          }),
        );
      },
    },
    {
      name: 'get-by-id',
      http: () => ({ method: 'GET', path: `/tasks/${randomTaskId()}` }),
      direct: () =>
        doc.send(
          new GetCommand({
            TableName: tableName,
            Key: taskKey(userId, randomTaskId()),
            ConsistentRead: true,
          }),
        ),
    },
    {
      name: 'list-page-of-20',
      http: () => ({ method: 'GET', path: `/tasks?limit=${PAGE}` }),
      // The service reads one item past the page to know whether another page exists.
      direct: () => doc.send(new QueryCommand({ ...listInput, Limit: PAGE + 1 })),
    },
  ];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}
