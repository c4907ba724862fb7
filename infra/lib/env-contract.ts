import type { ServiceId } from '@taskmgr/route-table';

/**
 * The environment each container gets, by name. docker-compose and the services' config schemas
 * use the same names; a test can compare the three lists. Values are filled in by the stack.
 */

/** Read by every service: the service kit's base schema plus Cognito token verification. */
export const COMMON_ENV_NAMES = [
  'NODE_ENV',
  'HOST',
  'PORT',
  'LOG_LEVEL',
  'CORS_ORIGINS',
  'BODY_LIMIT_BYTES',
  'SHUTDOWN_TIMEOUT_MS',
  // Read by the service kit: how many proxies sit in front of the client IP.
  'TRUST_PROXY_HOPS',
  'AWS_REGION',
  'DYNAMODB_TABLE_NAME',
  'COGNITO_USER_POOL_ID',
  'COGNITO_CLIENT_ID',
  'COGNITO_ISSUER',
] as const;

/** Read by the user service only: its copy of the pool's password policy. */
export const USER_ENV_NAMES = ['PASSWORD_MIN_LENGTH', 'PASSWORD_REQUIRE_SYMBOL'] as const;

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
export type UserEnvName = (typeof USER_ENV_NAMES)[number];
export type NotificationEnvName = (typeof NOTIFICATION_ENV_NAMES)[number];
export type PlainEnvName = CommonEnvName | UserEnvName | NotificationEnvName;
export type SecretEnvName = (typeof SECRET_ENV_NAMES)[number];

export interface ServiceEnvContract {
  readonly plain: readonly PlainEnvName[];
  readonly secrets: readonly SecretEnvName[];
}

/** Exactly what each container gets: no variable a service does not read. */
export const serviceEnvironment: Readonly<Record<ServiceId, ServiceEnvContract>> = {
  // No cursor secret: the user service pages nothing.
  user: { plain: [...COMMON_ENV_NAMES, ...USER_ENV_NAMES], secrets: [] },
  task: { plain: COMMON_ENV_NAMES, secrets: ['CURSOR_SECRET'] },
  notification: {
    plain: [...COMMON_ENV_NAMES, ...NOTIFICATION_ENV_NAMES],
    secrets: ['CURSOR_SECRET'],
  },
};

const KIT_PRESSURE = 'load-shedding threshold; the service kit default applies';

/** Declared by every service's schema and left to its default on AWS. */
const COMMON_UNSET_ON_AWS = {
  DYNAMODB_ENDPOINT: 'DynamoDB Local only; the SDK uses the regional endpoint',
  COGNITO_JWKS_URI: 'derived from COGNITO_ISSUER, the real Cognito issuer',
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: KIT_PRESSURE,
  PRESSURE_MAX_EVENT_LOOP_UTILIZATION: KIT_PRESSURE,
  PRESSURE_MAX_HEAP_USED_BYTES: KIT_PRESSURE,
  PRESSURE_MAX_RSS_BYTES: KIT_PRESSURE,
};

/**
 * Variables a service's config schema declares that the task definitions leave unset, each with
 * why. A test requires every schema variable to be either in `serviceEnvironment` or here.
 */
export const UNSET_ON_AWS: Readonly<Record<ServiceId, Readonly<Record<string, string>>>> = {
  user: {
    ...COMMON_UNSET_ON_AWS,
    COGNITO_ENDPOINT: 'cognito-local only; unset, the SDK calls the real Cognito',
    AUTO_CONFIRM_SIGNUP: 'must stay unset: false in production, where true is refused',
    AUTH_RATE_LIMIT_WINDOW_MS: 'the service default (1 minute) applies',
    AUTH_RATE_LIMIT_PER_IP: 'the service default applies; API Gateway also throttles /auth',
    AUTH_RATE_LIMIT_PER_EMAIL: 'the service default applies',
    SIGNUP_ORPHAN_GRACE_MS: 'the service default (2 minutes) applies',
    UNCONFIRMED_SIGNUP_TTL_MS: 'the service default (24 hours) applies',
  },
  task: COMMON_UNSET_ON_AWS,
  notification: {
    ...COMMON_UNSET_ON_AWS,
    DELIVERY_MODE: 'aws by default in production, where local is refused',
    NOTIFICATION_TTL_DAYS: 'the service default (30 days) applies',
    COMPLETION_POLL_INTERVAL_MS: 'the service default (2 s) applies',
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
