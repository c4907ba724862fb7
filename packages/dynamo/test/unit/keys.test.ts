import {
  emailGuardKey,
  entityTypeOf,
  normalizeEmail,
  notificationKey,
  pendingReminderPartition,
  profileKey,
  taskDueSortKey,
  taskKey,
  userIdFromPartition,
} from '@taskmgr/dynamo';

test('profile, task and notification keys share the user partition', () => {
  expect(profileKey('u1')).toEqual({ EntityPartition: 'USER_u1', EntitySort: 'USER_u1' });
  expect(taskKey('u1', 't1')).toEqual({ EntityPartition: 'USER_u1', EntitySort: 'TASK_t1' });
  expect(notificationKey('u1', 'n1')).toEqual({
    EntityPartition: 'USER_u1',
    EntitySort: 'NOTIF_n1',
  });
});

test('the email guard key is normalised: case and surrounding whitespace do not matter', () => {
  expect(normalizeEmail('  Ada@Example.COM\t')).toBe('ada@example.com');
  expect(emailGuardKey(' ADA@example.com ')).toEqual({
    EntityPartition: 'EMAIL_ada@example.com',
    EntitySort: 'EMAIL_ada@example.com',
  });
});

test('user ids and entity types read back from keys', () => {
  expect(userIdFromPartition('USER_abc')).toBe('abc');
  expect(userIdFromPartition('EMAIL_a@b.c')).toBeUndefined();
  expect(entityTypeOf(taskKey('u', 't'))).toBe('TASK');
  expect(entityTypeOf(notificationKey('u', 'n'))).toBe('NOTIF');
  expect(entityTypeOf(profileKey('u'))).toBe('USER');
  expect(entityTypeOf(emailGuardKey('a@b.c'))).toBe('EMAIL');
  expect(entityTypeOf({ EntityPartition: 'X', EntitySort: 'OTHER' })).toBeUndefined();
});

test('reminder partitions are the due day plus #false, with an optional shard', () => {
  expect(pendingReminderPartition('2030-05-06T23:59:00.000Z')).toBe('2030-05-06#false');
  expect(pendingReminderPartition('2030-05-06T23:59:00.000Z', 3)).toBe('2030-05-06#false#3');
});

test('undated tasks sort after every dated one', () => {
  const keys = [
    taskDueSortKey(undefined, 'A'),
    taskDueSortKey('2999-12-31T23:59:59.999Z', 'B'),
    taskDueSortKey('2000-01-01T00:00:00.000Z', 'C'),
    taskDueSortKey(null, 'D'),
  ].sort();
  expect(keys).toEqual(['2000-01-01T00:00:00.000Z#C', '2999-12-31T23:59:59.999Z#B', '~#A', '~#D']);
});
