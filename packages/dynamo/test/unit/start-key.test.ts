import {
  assertStartKeyFits,
  InvalidCursorError,
  type InvalidCursorReason,
  type PageKey,
  taskListStartKeyShape,
} from '@taskmgr/dynamo';

const shape = taskListStartKeyShape('u1', { sort: 'updatedAt', order: 'desc' });
const valid: PageKey = {
  EntityPartition: 'USER_u1',
  EntitySort: 'TASK_01',
  TaskUpdatedAt: '2030-01-01T00:00:00.000Z',
};

function reasonOf(key: PageKey): InvalidCursorReason | 'accepted' {
  try {
    assertStartKeyFits(key, shape);
    return 'accepted';
  } catch (error) {
    if (error instanceof InvalidCursorError) return error.reason;
    throw error;
  }
}

test('accepts a key of the same index inside the caller partition', () => {
  expect(reasonOf(valid)).toBe('accepted');
});

test.each<[string, PageKey, InvalidCursorReason]>([
  ['another partition', { ...valid, EntityPartition: 'USER_u2' }, 'foreign-user'],
  [
    'a key of the main table',
    { EntityPartition: 'USER_u1', EntitySort: 'TASK_01' },
    'query-mismatch',
  ],
  [
    'a key of another index',
    { EntityPartition: 'USER_u1', EntitySort: 'TASK_01', TaskDueSort: 'x' },
    'query-mismatch',
  ],
  ['an extra attribute', { ...valid, Title: 'x' }, 'query-mismatch'],
  ['another entity', { ...valid, EntitySort: 'NOTIF_01' }, 'query-mismatch'],
])('refuses %s', (_label, key, reason) => {
  expect(reasonOf(key)).toBe(reason);
});
