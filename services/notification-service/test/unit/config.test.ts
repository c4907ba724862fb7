import { ConfigError } from '@taskmgr/config';
import {
  loadNotificationServiceConfig,
  loadNotificationWorkerConfig,
  resolveDeliverySettings,
} from '../../src/config';

const TOPIC_ENV = {
  SNS_TOPIC_TASK_DUE_EMAIL_ARN: 'arn:aws:sns:eu-west-1:123456789012:due-email',
  SNS_TOPIC_TASK_DUE_SMS_ARN: 'arn:aws:sns:eu-west-1:123456789012:due-sms',
  SNS_TOPIC_TASK_COMPLETED_EMAIL_ARN: 'arn:aws:sns:eu-west-1:123456789012:done-email',
  SNS_TOPIC_TASK_COMPLETED_SMS_ARN: 'arn:aws:sns:eu-west-1:123456789012:done-sms',
};

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => issue.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('defaults: 30-day TTL, timers off except completion polling, local delivery outside production', () => {
  const settings = resolveDeliverySettings(loadNotificationWorkerConfig({}));
  expect(settings).toEqual({
    mode: 'local',
    ttlDays: 30,
    reminderIntervalMs: 0,
    completionPollIntervalMs: 2000,
    topics: undefined,
    emailFrom: undefined,
  });
});

test('production defaults to aws and needs all four topic ARNs', () => {
  expect(
    issuesOf(() =>
      resolveDeliverySettings(loadNotificationWorkerConfig({ NODE_ENV: 'production' })),
    ),
  ).toEqual([
    'SNS_TOPIC_TASK_DUE_EMAIL_ARN',
    'SNS_TOPIC_TASK_DUE_SMS_ARN',
    'SNS_TOPIC_TASK_COMPLETED_EMAIL_ARN',
    'SNS_TOPIC_TASK_COMPLETED_SMS_ARN',
  ]);
  const settings = resolveDeliverySettings(
    loadNotificationWorkerConfig({
      NODE_ENV: 'production',
      ...TOPIC_ENV,
      // The infra passes an empty sender when SES is not set up: email then uses the topic only.
      NOTIFICATION_EMAIL_FROM: '',
      REMINDER_INTERVAL_SECONDS: '300',
    }),
  );
  expect(settings).toMatchObject({
    mode: 'aws',
    emailFrom: undefined,
    reminderIntervalMs: 300_000,
    topics: {
      taskDueEmail: TOPIC_ENV.SNS_TOPIC_TASK_DUE_EMAIL_ARN,
      taskCompletedSms: TOPIC_ENV.SNS_TOPIC_TASK_COMPLETED_SMS_ARN,
    },
  });
});

test('production refuses the local dev channel', () => {
  expect(
    issuesOf(() =>
      resolveDeliverySettings(
        loadNotificationWorkerConfig({
          NODE_ENV: 'production',
          DELIVERY_MODE: 'local',
          ...TOPIC_ENV,
        }),
      ),
    ),
  ).toEqual(['DELIVERY_MODE']);
});

test('bad values name their variable', () => {
  expect(
    issuesOf(() =>
      loadNotificationWorkerConfig({
        NOTIFICATION_TTL_DAYS: '0',
        REMINDER_INTERVAL_SECONDS: '-1',
        DELIVERY_MODE: 'smtp',
        SNS_TOPIC_TASK_DUE_SMS_ARN: 'not-an-arn',
        NOTIFICATION_EMAIL_FROM: 'nobody',
      }),
    ).sort(),
  ).toEqual([
    'DELIVERY_MODE',
    'NOTIFICATION_EMAIL_FROM',
    'NOTIFICATION_TTL_DAYS',
    'REMINDER_INTERVAL_SECONDS',
    'SNS_TOPIC_TASK_DUE_SMS_ARN',
  ]);
});

test('the service also needs the Cognito settings; the job does not', () => {
  expect(issuesOf(() => loadNotificationServiceConfig({}))).toEqual([
    'COGNITO_USER_POOL_ID',
    'COGNITO_CLIENT_ID',
  ]);
  expect(() => loadNotificationWorkerConfig({})).not.toThrow();
});
