/**
 * What docker-compose may add to the one list of container environment names
 * (infra/lib/env-contract.ts, `serviceEnvironment`), each with its reason. The compose test
 * fails on any other difference, and on an entry here that no longer matches anything.
 */

export type ComposeServiceName = 'user-service' | 'task-service' | 'notification-service';

/** Read by the AWS SDK itself, not by a config schema. */
export const SDK_ENV_NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_ENDPOINT_URL',
] as const;

export interface LocalOnlyVariable {
  readonly name: string;
  readonly services: readonly ComposeServiceName[];
  readonly reason: string;
}

const ALL: readonly ComposeServiceName[] = ['user-service', 'task-service', 'notification-service'];

export const LOCAL_ONLY_ENV: readonly LocalOnlyVariable[] = [
  { name: 'DYNAMODB_ENDPOINT', services: ALL, reason: 'DynamoDB Local; unset on AWS' },
  {
    name: 'AWS_ACCESS_KEY_ID',
    services: ALL,
    reason: 'dummy keys for the emulators; ECS tasks use their task role',
  },
  {
    name: 'AWS_SECRET_ACCESS_KEY',
    services: ALL,
    reason: 'dummy keys for the emulators; ECS tasks use their task role',
  },
  { name: 'COGNITO_ENDPOINT', services: ['user-service'], reason: 'cognito-local; unset on AWS' },
  {
    name: 'AUTO_CONFIRM_SIGNUP',
    services: ['user-service'],
    reason: 'no mail locally; refused in production',
  },
  {
    name: 'DELIVERY_MODE',
    services: ['notification-service'],
    reason: 'local (log + dev outbox) unless the sns profile is used; production defaults to aws',
  },
  {
    name: 'AWS_ENDPOINT_URL',
    services: ['notification-service'],
    reason: 'LocalStack for SNS/SES with the sns profile; empty otherwise',
  },
  {
    name: 'COMPLETION_POLL_INTERVAL_MS',
    services: ['notification-service'],
    reason: 'faster completion notices for a developer; the schema default applies on AWS',
  },
];

/** Compose services exempt from part of the hardening, and why. */
export const HARDENING_EXCEPTIONS: Readonly<
  Record<string, { skip: readonly string[]; reason: string }>
> = {
  localstack: {
    skip: ['read_only', 'cap_drop'],
    reason:
      'optional dev-only emulator (profile sns) run as LocalStack ships it: its entrypoint starts as root and writes outside its volume',
  },
};

/** Provided to the services at start from the file cognito-init writes, not by compose. */
export { COGNITO_ENV_FILE_VARIABLES } from '../../compose-local/src/env-file';
