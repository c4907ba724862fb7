/**
 * The env contract against the services' own config schemas: every variable a service declares
 * is either set by the task definition or listed as left unset on AWS, with a reason.
 */
import type { ServiceId } from '@taskmgr/route-table';
import { BaseServiceConfigSchema } from '@taskmgr/service-kit';
import { NotificationServiceConfigSchema } from '../../../services/notification-service/src/config';
import { TaskServiceEnvSchema } from '../../../services/task-service/src/config';
import { UserServiceEnvSchema } from '../../../services/user-service/src/config';
import {
  COMMON_ENV_NAMES,
  DUE_REMINDER_COMMAND,
  environmentFor,
  NOTIFICATION_ENV_NAMES,
  type PlainEnvName,
  SECRET_ENV_NAMES,
  serviceEnvironment,
  UNSET_ON_AWS,
  USER_ENV_NAMES,
} from '../../lib/env-contract';

/** What each service validates its environment against: the kit's base plus its own. */
const schemaKeys: Record<ServiceId, string[]> = {
  user: keysOf(BaseServiceConfigSchema, UserServiceEnvSchema),
  task: keysOf(BaseServiceConfigSchema, TaskServiceEnvSchema),
  notification: keysOf(BaseServiceConfigSchema, NotificationServiceConfigSchema),
};

function keysOf(...schemas: { properties: Record<string, unknown> }[]): string[] {
  return [...new Set(schemas.flatMap((s) => Object.keys(s.properties)))].sort();
}

const serviceIds = Object.keys(serviceEnvironment) as ServiceId[];
const contractOf = (id: ServiceId): string[] => [
  ...serviceEnvironment[id].plain,
  ...serviceEnvironment[id].secrets,
];

describe.each(serviceIds)('the %s service', (id) => {
  it('gets every schema variable or has it listed as unset on AWS, and nothing else', () => {
    const classified = [...contractOf(id), ...Object.keys(UNSET_ON_AWS[id])].sort();
    expect(classified).toEqual(schemaKeys[id]);
  });

  it('never both sets a variable and lists it as unset', () => {
    const unset = Object.keys(UNSET_ON_AWS[id]);
    expect(contractOf(id).filter((name) => unset.includes(name))).toEqual([]);
  });

  it('has no duplicate names and a reason for each unset variable', () => {
    expect(new Set(contractOf(id)).size).toBe(contractOf(id).length);
    for (const reason of Object.values(UNSET_ON_AWS[id])) {
      expect(reason.length).toBeGreaterThanOrEqual(20);
    }
  });
});

describe('per-service contract', () => {
  it('gives the cursor secret only to the services that page with cursors', () => {
    expect(serviceEnvironment.user.secrets).toEqual([]);
    expect(serviceEnvironment.task.secrets).toEqual(['CURSOR_SECRET']);
    expect(serviceEnvironment.notification.secrets).toEqual(['CURSOR_SECRET']);
    expect(schemaKeys.user).not.toContain('CURSOR_SECRET');
  });

  it("gives the user service the pool's password policy and keeps the local-only switches off", () => {
    expect(serviceEnvironment.user.plain).toEqual([...COMMON_ENV_NAMES, ...USER_ENV_NAMES]);
    for (const localOnly of ['AUTO_CONFIRM_SIGNUP', 'COGNITO_ENDPOINT', 'DYNAMODB_ENDPOINT']) {
      expect(contractOf('user')).not.toContain(localOnly);
      expect(Object.keys(UNSET_ON_AWS.user)).toContain(localOnly);
    }
  });

  it('gives the notifier its topics and reminder switch, and the task service the base only', () => {
    expect(serviceEnvironment.notification.plain).toEqual([
      ...COMMON_ENV_NAMES,
      ...NOTIFICATION_ENV_NAMES,
    ]);
    expect(serviceEnvironment.task.plain).toEqual([...COMMON_ENV_NAMES]);
  });

  it('never lists a secret as a plain variable', () => {
    const plain = new Set<string>(serviceIds.flatMap((id) => serviceEnvironment[id].plain));
    for (const secret of SECRET_ENV_NAMES) expect(plain.has(secret)).toBe(false);
  });

  it('picks exactly the declared names for a container', () => {
    const all = [...COMMON_ENV_NAMES, ...USER_ENV_NAMES, ...NOTIFICATION_ENV_NAMES];
    const values = Object.fromEntries(all.map((n) => [n, `v-${n}`])) as Record<
      PlainEnvName,
      string
    >;
    expect(Object.keys(environmentFor('task', values))).toEqual([...COMMON_ENV_NAMES]);
    expect(Object.keys(environmentFor('user', values))).toEqual([
      ...COMMON_ENV_NAMES,
      ...USER_ENV_NAMES,
    ]);
    expect(Object.keys(environmentFor('notification', values))).toEqual([
      ...COMMON_ENV_NAMES,
      ...NOTIFICATION_ENV_NAMES,
    ]);
  });

  it('runs the due-reminder job from the notification image build output', () => {
    expect(DUE_REMINDER_COMMAND).toEqual(['node', 'dist/jobs/due-reminders.js']);
  });
});
