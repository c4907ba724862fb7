/**
 * Integration-test wiring: a real table on DynamoDB Local, a clock the test moves, SNS and SES
 * mocked at the SDK (aws-sdk-client-mock) and nothing else.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  batchPutAll,
  buildTaskItem,
  type NotificationItem,
  type NotificationPreferences,
  ProfileRepository,
  TaskRepository,
  type TaskStatus,
  userPartition,
} from '@taskmgr/dynamo';
import { ManualClock, queryAll, type TestTable, useTestTable } from '@taskmgr/test-support';
import { mockClient } from 'aws-sdk-client-mock';
import pino from 'pino';
import type { DeliverySettings, TopicArns } from '../../src/config';
import {
  createNotificationRuntime,
  type NotificationRuntime,
  type RuntimeOptions,
} from '../../src/runtime';

export { ManualClock };

export const TOPICS: TopicArns = {
  taskDueEmail: 'arn:aws:sns:us-east-1:123456789012:TaskDueNotificationsEmailTopic',
  taskDueSms: 'arn:aws:sns:us-east-1:123456789012:TaskDueNotificationsSMSTopic',
  taskCompletedEmail: 'arn:aws:sns:us-east-1:123456789012:TaskCompletedNotificationsEmailTopic',
  taskCompletedSms: 'arn:aws:sns:us-east-1:123456789012:TaskCompletedNotificationsSMSTopic',
};

export const EMAIL_FROM = 'notifications@example.test';

export const awsSettings: DeliverySettings = {
  mode: 'aws',
  ttlDays: 30,
  reminderIntervalMs: 0,
  completionPollIntervalMs: 0,
  topics: TOPICS,
  emailFrom: EMAIL_FROM,
};

export const silentLog = pino({ level: 'silent' });

/** Retries that take milliseconds, not seconds. */
export const fastTuning = {
  dispatcher: { retryBaseDelayMs: 1, retryMaxDelayMs: 2 },
} as const;

export function awsRuntime(
  table: TestTable,
  clock: ManualClock,
  overrides: Partial<Parameters<typeof createNotificationRuntime>[0]> = {},
): NotificationRuntime {
  return createNotificationRuntime({
    settings: awsSettings,
    dynamo: { AWS_REGION: 'us-east-1', DYNAMODB_TABLE_NAME: table.tableName },
    log: silentLog,
    clients: table,
    now: clock.now,
    tuning: fastTuning,
    ...overrides,
  });
}

/**
 * What a delivery test file works on: its own table (filled in by beforeAll), SNS and SES
 * mocked at the SDK and reset before each test, and a clock starting at `start`.
 */
export function useHarness(label: string, start: string) {
  const aws = mockAws();
  beforeEach(() => aws.reset());
  return { table: useTestTable(label), aws, clock: new ManualClock(start) };
}

/** `count` runtimes on one table, as separate replicas: fast retries plus the given tuning. */
export function awsReplicas(
  table: TestTable,
  clock: ManualClock,
  count: number,
  tuning: Omit<NonNullable<RuntimeOptions['tuning']>, 'dispatcher'>,
): NotificationRuntime[] {
  return Array.from({ length: count }, () =>
    awsRuntime(table, clock, { tuning: { ...fastTuning, ...tuning } }),
  );
}

/** SNS and SES replaced at the SDK, answering with fresh message ids after each reset. */
function mockAws() {
  const sns = mockClient(SNSClient);
  const ses = mockClient(SESv2Client);
  let snsIds = 0;
  let sesIds = 0;
  const reset = () => {
    sns.reset();
    ses.reset();
    sns.on(PublishCommand).callsFake(async () => ({ MessageId: `sns-${++snsIds}` }));
    ses.on(SendEmailCommand).callsFake(async () => ({ MessageId: `ses-${++sesIds}` }));
  };
  reset();
  return {
    sns,
    ses,
    reset,
    smsCalls: () =>
      sns
        .commandCalls(PublishCommand)
        .map((call) => call.args[0].input)
        .filter((input) => input.PhoneNumber !== undefined),
    topicCalls: () =>
      sns
        .commandCalls(PublishCommand)
        .map((call) => call.args[0].input)
        .filter((input) => input.TopicArn !== undefined),
    emailCalls: () => ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input),
  };
}

export type AwsMocks = ReturnType<typeof mockAws>;

export interface TestUser {
  userId: string;
  email: string;
  phoneNumber?: string;
  preferences: NotificationPreferences;
}

let userCount = 0;

export async function createUser(
  table: TestTable,
  preferences: NotificationPreferences,
  phoneNumber?: string,
): Promise<TestUser> {
  userCount += 1;
  const userId = `user-${userCount}-${Math.random().toString(36).slice(2, 8)}`;
  const email = `${userId}@example.test`;
  await new ProfileRepository(table).create({
    userId,
    email,
    firstName: 'Test',
    lastName: `User ${userCount}`,
    notificationPreferences: preferences,
    ...(phoneNumber ? { phoneNumber } : {}),
  });
  return { userId, email, preferences, ...(phoneNumber ? { phoneNumber } : {}) };
}

/** Writes tasks straight from the item builder (as the task service would create them). */
export async function putTasks(
  table: TestTable,
  clock: ManualClock,
  tasks: Array<{
    userId: string;
    taskId: string;
    title: string;
    dueDate?: string;
    status?: TaskStatus;
  }>,
): Promise<void> {
  const now = clock.now();
  await batchPutAll(
    table.doc,
    table.tableName,
    tasks.map((task) => buildTaskItem(task, now)),
    { concurrency: 8 },
  );
}

export function taskRepository(table: TestTable, clock: ManualClock): TaskRepository {
  return new TaskRepository({ ...table, now: clock.now });
}

/** Every NOTIF item of a user, raw, including expired ones. */
export async function notificationItems(
  table: TestTable,
  userId: string,
): Promise<NotificationItem[]> {
  return queryAll<NotificationItem>(table, {
    KeyConditionExpression: 'EntityPartition = :pk AND begins_with(EntitySort, :notif)',
    ExpressionAttributeValues: { ':pk': userPartition(userId), ':notif': 'NOTIF_' },
    ConsistentRead: true,
  });
}

export function hoursFrom(clock: ManualClock, hours: number): string {
  return new Date(clock.now().getTime() + hours * 3_600_000).toISOString();
}

/** Counts by key, e.g. sends per task. */
export function countBy<T>(values: readonly T[], key: (value: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(key(value), (counts.get(key(value)) ?? 0) + 1);
  return counts;
}

/** The service's environment for a test: the harness's engines, this file's table, no timers. */
export function serviceEnv(table: TestTable, overrides: Record<string, string> = {}) {
  const required = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run through the jest integration project`);
    return value;
  };
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    DYNAMODB_ENDPOINT: required('DYNAMODB_ENDPOINT'),
    DYNAMODB_TABLE_NAME: table.tableName,
    COGNITO_USER_POOL_ID: required('COGNITO_USER_POOL_ID'),
    COGNITO_CLIENT_ID: required('COGNITO_CLIENT_ID'),
    COGNITO_ISSUER: required('COGNITO_ISSUER'),
    CURSOR_SECRET: 'notification-service-test-cursor-secret-0123456789',
    DELIVERY_MODE: 'local',
    REMINDER_INTERVAL_SECONDS: '0',
    COMPLETION_POLL_INTERVAL_MS: '0',
    // A busy test machine would otherwise trip load shedding.
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    PRESSURE_MAX_EVENT_LOOP_UTILIZATION: '0',
    ...overrides,
  };
}
