import { InvalidEventError, parseDomainEvent, taskCompletedEvent } from '@taskmgr/events';

const valid = taskCompletedEvent({
  eventId: '01JEVENT',
  occurredAt: '2026-11-22T10:00:00.000Z',
  userId: 'user-1',
  taskId: '01JTASK',
  title: 'Write report',
  completedAt: '2026-11-22T10:00:00.000Z',
});

test('a well-formed event parses to itself', () => {
  expect(parseDomainEvent(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
});

test.each([
  ['unknown version', { ...valid, version: 2 }],
  ['unknown type', { ...valid, type: 'task.deleted' }],
  ['missing task id', { ...valid, taskId: undefined }],
  ['extra field', { ...valid, extra: true }],
  ['not an object', 'task.completed'],
])('%s is rejected', (_label, value) => {
  expect(() => parseDomainEvent(value)).toThrow(InvalidEventError);
});
