import {
  AlreadyExistsError,
  EmailTakenError,
  NotFoundError,
  ProfileRepository,
  profileKey,
  VersionConflictError,
} from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { getRaw, ManualClock, scanAll, settle } from './support';

// The integration project's testTimeout is not applied per project; DynamoDB Local on a
// 2-core CI machine needs more than Jest's 5 s default for the bulk and concurrency cases.
jest.setTimeout(60_000);

let table: TestTable;
let profiles: ProfileRepository;
const clock = new ManualClock('2030-06-01T12:00:00.000Z');

beforeAll(async () => {
  table = await createTestTable('profiles');
  profiles = new ProfileRepository({ ...table, now: clock.now });
});
afterAll(() => table.destroy());

const newProfile = (userId: string, email: string) => ({
  userId,
  email,
  firstName: 'First',
  lastName: 'Last',
});

describe('email uniqueness', () => {
  test('50 parallel registrations of one email (any case/whitespace): exactly one wins', async () => {
    const variants = [
      'race@example.com',
      ' RACE@example.com',
      'Race@Example.com\t',
      'race@EXAMPLE.COM ',
    ];
    const { values, errors } = await settle(
      Array.from({ length: 50 }, (_, i) =>
        profiles.create(newProfile(`racer-${i}`, variants[i % variants.length] ?? '')),
      ),
    );
    expect(values).toHaveLength(1);
    expect(errors).toHaveLength(49);
    for (const error of errors) expect(error).toBeInstanceOf(EmailTakenError);

    const items = await scanAll(table, {
      FilterExpression: 'begins_with(EntityPartition, :racer) OR EntityPartition = :guard',
      ExpressionAttributeValues: { ':racer': 'USER_racer-', ':guard': 'EMAIL_race@example.com' },
    });
    const winner = values[0]?.userId;
    expect(items.filter((i) => i.EntityType === 'USER').map((i) => i.UserId)).toEqual([winner]);
    expect(items.filter((i) => i.EntityType === 'EMAIL').map((i) => i.UserId)).toEqual([winner]);
  });

  test('a second profile for the same user id is AlreadyExists and leaves no second guard', async () => {
    await profiles.create(newProfile('twice', 'twice-1@example.com'));
    await expect(
      profiles.create(newProfile('twice', 'twice-2@example.com')),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await profiles.findUserIdByEmail('twice-2@example.com')).toBeUndefined();
    const guards = await scanAll(table, {
      FilterExpression: 'EntityPartition = :guard',
      ExpressionAttributeValues: { ':guard': 'EMAIL_twice-2@example.com' },
    });
    expect(guards).toEqual([]);
  });
});

describe('get and update', () => {
  beforeAll(async () => {
    await profiles.create({
      ...newProfile('editor', 'editor@example.com'),
      phoneNumber: '+15550002222',
    });
  });

  test('get returns the camelCase profile, or undefined', async () => {
    expect(await profiles.get('editor')).toMatchObject({
      userId: 'editor',
      email: 'editor@example.com',
      phoneNumber: '+15550002222',
      notificationPreferences: { email: false, sms: false },
      lastLogin: null,
      version: 1,
    });
    expect(await profiles.get('nobody')).toBeUndefined();
  });

  test('update applies the patch, bumps Version and UpdatedAt, and null removes the phone', async () => {
    clock.advance(1_000);
    const updated = await profiles.update('editor', {
      firstName: 'Edith',
      phoneNumber: null,
      notificationPreferences: { sms: true },
    });
    expect(updated).toMatchObject({
      firstName: 'Edith',
      lastName: 'Last',
      phoneNumber: null,
      notificationPreferences: { email: false, sms: true },
      updatedAt: clock.now().toISOString(),
      version: 2,
    });
    const raw = await getRaw(table, profileKey('editor'));
    expect(raw).not.toHaveProperty('PhoneNumber');
    expect(raw).toMatchObject({ FirstName: 'Edith', Version: 2 });
  });

  test('a stale expectedVersion is a VersionConflictError and changes nothing', async () => {
    const before = await getRaw(table, profileKey('editor'));
    const error = await profiles.update('editor', { lastName: 'Stale' }, 1).catch((e) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expected: 1, actual: before?.Version });
    expect(await getRaw(table, profileKey('editor'))).toEqual(before);
    const current = await profiles.update('editor', { lastName: 'Fresh' }, Number(before?.Version));
    expect(current.lastName).toBe('Fresh');
  });

  test('updating or stamping a login on a missing profile is NotFound', async () => {
    await expect(profiles.update('ghost', { firstName: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(profiles.update('ghost', { firstName: 'x' }, 1)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(profiles.recordLogin('ghost')).rejects.toBeInstanceOf(NotFoundError);
    expect(await getRaw(table, profileKey('ghost'))).toBeUndefined();
  });

  test('recordLogin stamps LastLogin without bumping the version', async () => {
    const before = await profiles.get('editor');
    clock.advance(5_000);
    await profiles.recordLogin('editor');
    const after = await profiles.get('editor');
    expect(after?.lastLogin).toBe(clock.now().toISOString());
    expect(after?.version).toBe(before?.version);
  });
});
