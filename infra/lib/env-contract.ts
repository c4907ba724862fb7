import type { ServiceId } from '@taskmgr/route-table';

/**
 * The environment each container gets, by name. docker-compose and the services' config schemas
 * use the same names; a test can compare the three lists. Values are filled in by the stack.
 */

/** Read by every service. */
export const COMMON_ENV_NAMES = [
  'NODE_ENV',
  'HOST',
  'PORT',
  'LOG_LEVEL',
  'CORS_ORIGINS',
  'BODY_LIMIT_BYTES',
  'SHUTDOWN_TIMEOUT_MS',
  // Read by the service kit: how many proxies (ALB, VPC link) sit in front of the client IP.
  'TRUST_PROXY_HOPS',
  'AWS_REGION',
  'DYNAMODB_TABLE_NAME',
  'COGNITO_USER_POOL_ID',
  'COGNITO_CLIENT_ID',
  'COGNITO_ISSUER',
] as const;

/** Read by the notification service (and its due-reminder job) only. */
export const NOTIFICATION_ENV_NAMES = [
  'SNS_TOPIC_TASK_DUE_EMAIL_ARN',
  'SNS_TOPIC_TASK_DUE_SMS_ARN',
  'SNS_TOPIC_TASK_COMPLETED_EMAIL_ARN',
  'SNS_TOPIC_TASK_COMPLETED_SMS_ARN',
  'NOTIFICATION_EMAIL_FROM',
  'REMINDER_INTERVAL_SECONDS',
] as const;

/** Injected from Secrets Manager by ECS, never as plain text in the task definition. */
export const SECRET_ENV_NAMES = ['CURSOR_SECRET'] as const;

export type CommonEnvName = (typeof COMMON_ENV_NAMES)[number];
export type NotificationEnvName = (typeof NOTIFICATION_ENV_NAMES)[number];
export type PlainEnvName = CommonEnvName | NotificationEnvName;
export type SecretEnvName = (typeof SECRET_ENV_NAMES)[number];

export interface ServiceEnvContract {
  readonly plain: readonly PlainEnvName[];
  readonly secrets: readonly SecretEnvName[];
}

export const serviceEnvironment: Readonly<Record<ServiceId, ServiceEnvContract>> = {
  user: { plain: COMMON_ENV_NAMES, secrets: SECRET_ENV_NAMES },
  task: { plain: COMMON_ENV_NAMES, secrets: SECRET_ENV_NAMES },
  notification: {
    plain: [...COMMON_ENV_NAMES, ...NOTIFICATION_ENV_NAMES],
    secrets: SECRET_ENV_NAMES,
  },
};

/** The due-reminder one-shot job in the notification-service image (run by the scheduler). */
export const DUE_REMINDER_COMMAND: readonly string[] = ['node', 'dist/jobs/due-reminders.js'];

/** What the services drain in on SIGTERM; ECS's stop timeout sits above it. */
export const SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * Picks exactly the variables a service reads from the full set of values, so a container never
 * gets a variable it does not declare and a missing value fails the synth, not the deploy.
 */
export function environmentFor(
  service: ServiceId,
  values: Readonly<Record<PlainEnvName, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of serviceEnvironment[service].plain) {
    env[name] = values[name];
  }
  return env;
}
