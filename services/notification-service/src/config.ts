import { type Static, Type } from '@sinclair/typebox';
import { AuthConfigSchema } from '@taskmgr/auth';
import { ConfigError, type ConfigIssue } from '@taskmgr/config';
import { CursorConfigSchema } from '@taskmgr/dynamo';
import { type Env, loadServiceConfig, type ServiceConfig } from '@taskmgr/service-kit';

const TopicArn = (description: string) =>
  Type.Optional(
    Type.String({
      pattern: '^arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}$',
      description: `SNS topic ARN for ${description}; required when DELIVERY_MODE=aws`,
    }),
  );

/** What the delivery side reads: shared by the service and the one-shot due-reminder job. */
export const NotificationWorkerConfigSchema = Type.Object({
  NOTIFICATION_TTL_DAYS: Type.Integer({
    default: 30,
    minimum: 1,
    maximum: 365,
    description: 'days an in-app notification lives before TTL removes it',
  }),
  REMINDER_INTERVAL_SECONDS: Type.Integer({
    default: 0,
    minimum: 0,
    maximum: 86_400,
    description: 'due-reminder scan period inside the service; 0 = off (the scheduler runs it)',
  }),
  COMPLETION_POLL_INTERVAL_MS: Type.Integer({
    default: 2000,
    minimum: 0,
    maximum: 3_600_000,
    description: 'how often each replica drains completion events; 0 = off',
  }),
  SNS_TOPIC_TASK_DUE_EMAIL_ARN: TopicArn('TaskDueNotificationsEmailTopic'),
  SNS_TOPIC_TASK_DUE_SMS_ARN: TopicArn('TaskDueNotificationsSMSTopic'),
  SNS_TOPIC_TASK_COMPLETED_EMAIL_ARN: TopicArn('TaskCompletedNotificationsEmailTopic'),
  SNS_TOPIC_TASK_COMPLETED_SMS_ARN: TopicArn('TaskCompletedNotificationsSMSTopic'),
  NOTIFICATION_EMAIL_FROM: Type.Optional(
    Type.String({
      pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
      description: 'verified SES sender address; without it email goes out through the topics only',
    }),
  ),
  DELIVERY_MODE: Type.Optional(
    Type.Union([Type.Literal('aws'), Type.Literal('local')], {
      description:
        'aws (SNS/SES) or local (log + dev outbox only); defaults to aws in production, local elsewhere',
    }),
  ),
});

export const NotificationServiceConfigSchema = Type.Composite([
  NotificationWorkerConfigSchema,
  AuthConfigSchema,
  CursorConfigSchema,
]);

export type DeliveryMode = 'aws' | 'local';

export interface TopicArns {
  taskDueEmail: string;
  taskDueSms: string;
  taskCompletedEmail: string;
  taskCompletedSms: string;
}

/** The delivery settings with defaults resolved and checked against NODE_ENV. */
export interface DeliverySettings {
  mode: DeliveryMode;
  ttlDays: number;
  reminderIntervalMs: number;
  completionPollIntervalMs: number;
  /** Present in aws mode (all four are required there). */
  topics: TopicArns | undefined;
  emailFrom: string | undefined;
}

export type NotificationWorkerConfig = ServiceConfig &
  Static<typeof NotificationWorkerConfigSchema>;
export type NotificationServiceConfig = ServiceConfig &
  Static<typeof NotificationServiceConfigSchema>;

/**
 * Production never uses the dev channel (it would silently swallow every email and SMS), and
 * aws mode needs the four topic ARNs. Throws ConfigError naming the variables at fault.
 */
export function resolveDeliverySettings(config: NotificationWorkerConfig): DeliverySettings {
  const production = config.NODE_ENV === 'production';
  const mode: DeliveryMode = config.DELIVERY_MODE ?? (production ? 'aws' : 'local');
  const issues: ConfigIssue[] = [];
  if (production && mode === 'local') {
    issues.push({
      variable: 'DELIVERY_MODE',
      message: 'local delivers nothing and is refused when NODE_ENV=production; use aws',
    });
  }
  const { topics, missing } = topicArnsOf(config);
  if (mode === 'aws') {
    for (const variable of missing) {
      issues.push({ variable, message: 'is required when DELIVERY_MODE=aws' });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    mode,
    ttlDays: config.NOTIFICATION_TTL_DAYS,
    reminderIntervalMs: config.REMINDER_INTERVAL_SECONDS * 1000,
    completionPollIntervalMs: config.COMPLETION_POLL_INTERVAL_MS,
    topics: mode === 'aws' ? topics : undefined,
    emailFrom: config.NOTIFICATION_EMAIL_FROM,
  };
}

export function loadNotificationServiceConfig(env?: Env): NotificationServiceConfig {
  return loadServiceConfig(NotificationServiceConfigSchema, env);
}

export function loadNotificationWorkerConfig(env?: Env): NotificationWorkerConfig {
  return loadServiceConfig(NotificationWorkerConfigSchema, env);
}

const TOPIC_VARIABLES = [
  'SNS_TOPIC_TASK_DUE_EMAIL_ARN',
  'SNS_TOPIC_TASK_DUE_SMS_ARN',
  'SNS_TOPIC_TASK_COMPLETED_EMAIL_ARN',
  'SNS_TOPIC_TASK_COMPLETED_SMS_ARN',
] as const;

function topicArnsOf(config: NotificationWorkerConfig): {
  topics: TopicArns | undefined;
  missing: string[];
} {
  const {
    SNS_TOPIC_TASK_DUE_EMAIL_ARN: taskDueEmail,
    SNS_TOPIC_TASK_DUE_SMS_ARN: taskDueSms,
    SNS_TOPIC_TASK_COMPLETED_EMAIL_ARN: taskCompletedEmail,
    SNS_TOPIC_TASK_COMPLETED_SMS_ARN: taskCompletedSms,
  } = config;
  if (taskDueEmail && taskDueSms && taskCompletedEmail && taskCompletedSms) {
    return {
      topics: { taskDueEmail, taskDueSms, taskCompletedEmail, taskCompletedSms },
      missing: [],
    };
  }
  return { topics: undefined, missing: TOPIC_VARIABLES.filter((name) => !config[name]) };
}
