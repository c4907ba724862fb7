import {
  completionNotificationId,
  completionRequest,
  describeDue,
  dueReminderRequest,
  reminderNotificationId,
} from '../../src/delivery/notification-content';

const now = new Date('2030-07-01T12:00:00.000Z');

test('ids come from the cause: task and due date for reminders, event id for completions', () => {
  expect(reminderNotificationId('T1', '2030-07-02T09:00:00.000Z')).toBe(
    reminderNotificationId('T1', '2030-07-02T09:00:00.000Z'),
  );
  expect(reminderNotificationId('T1', '2030-07-02T09:00:00.000Z')).not.toBe(
    reminderNotificationId('T1', '2030-07-02T10:00:00.000Z'),
  );
  expect(completionNotificationId('01J0EVENT')).toBe('done-01J0EVENT');
});

test('a reminder says when the task is due', () => {
  expect(
    dueReminderRequest('u1', { taskId: 'T1', title: 'Pay rent' }, '2030-07-02T09:00:00.000Z', now),
  ).toEqual({
    userId: 'u1',
    notificationId: `due-T1-${Date.parse('2030-07-02T09:00:00.000Z')}`,
    kind: 'task_due',
    taskId: 'T1',
    title: 'Pay rent',
    message: '"Pay rent" is due in 21 hours (2030-07-02 09:00 UTC).',
    subject: 'Task due soon: Pay rent',
  });
  expect(describeDue('2030-07-01T12:30:00.000Z', now)).toBe(
    'is due in less than an hour (2030-07-01 12:30 UTC)',
  );
  expect(describeDue('2030-07-01T13:00:00.000Z', now)).toBe(
    'is due in 1 hour (2030-07-01 13:00 UTC)',
  );
  expect(describeDue('2030-07-01T11:00:00.000Z', now)).toBe('was due at 2030-07-01 11:00 UTC');
});

test('a completion notice names the task and when it was completed', () => {
  expect(
    completionRequest({
      type: 'task.completed',
      version: 1,
      eventId: 'E1',
      occurredAt: '2030-07-01T12:00:00.000Z',
      userId: 'u1',
      taskId: 'T1',
      title: 'Ship',
      completedAt: '2030-07-01T12:00:00.000Z',
    }),
  ).toMatchObject({
    notificationId: 'done-E1',
    kind: 'task_completed',
    message: '"Ship" was completed on 2030-07-01 12:00 UTC.',
    subject: 'Task completed: Ship',
  });
});
