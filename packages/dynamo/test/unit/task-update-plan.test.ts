import { buildTaskItem, planTaskUpdate, type TaskItem } from '@taskmgr/dynamo';

const NOW = new Date('2030-01-10T12:00:00.000Z');
const LATER = new Date('2030-01-10T12:05:00.000Z');
const FUTURE = '2030-01-11T09:00:00.000Z';
const OTHER_FUTURE = '2030-01-15T09:00:00.000Z';
const PAST = '2030-01-09T09:00:00.000Z';

function task(overrides: Partial<TaskItem> = {}): TaskItem {
  return {
    ...buildTaskItem({ userId: 'u1', taskId: 'T1', title: 'Write', dueDate: FUTURE }, NOW),
    ...overrides,
  };
}

function touched(update: ReturnType<typeof planTaskUpdate>) {
  return {
    set: update.plan.set.map(({ path }) => path.join('.')).sort(),
    remove: update.plan.remove.map((path) => path.join('.')).sort(),
  };
}

test('a new future-dated task starts with a pending reminder', () => {
  expect(task().DueDate_NotificationSent).toBe('2030-01-11#false');
});

test('a title edit touches only the title, the timestamp and the version', () => {
  const update = planTaskUpdate(task(), { title: 'Rewrite' }, LATER);
  expect(touched(update)).toEqual({ set: ['TaskUpdatedAt', 'Title', 'Version'], remove: [] });
  expect(update.next).toMatchObject({
    Title: 'Rewrite',
    Version: 2,
    TaskUpdatedAt: LATER.toISOString(),
    DueDate_NotificationSent: '2030-01-11#false',
  });
});

test('completing sets TaskCompletedAt and disarms the reminder; reopening re-arms it', () => {
  const completed = planTaskUpdate(task(), { status: 'completed' }, LATER).next;
  expect(completed.TaskCompletedAt).toBe(LATER.toISOString());
  expect(completed.DueDate_NotificationSent).toBeUndefined();
  const reopened = planTaskUpdate(completed, { status: 'in_progress' }, LATER);
  expect(reopened.next.TaskCompletedAt).toBeUndefined();
  expect(reopened.next.DueDate_NotificationSent).toBe('2030-01-11#false');
  expect(touched(reopened).remove).toEqual(['TaskCompletedAt']);
});

test('completing an already completed task keeps its completion time', () => {
  const completed = task({ Status: 'completed', TaskCompletedAt: NOW.toISOString() });
  const update = planTaskUpdate(completed, { status: 'completed' }, LATER);
  expect(update.next.TaskCompletedAt).toBe(NOW.toISOString());
  expect(touched(update).set).not.toContain('TaskCompletedAt');
});

test('a changed due date re-arms a reminder that was already sent', () => {
  const sent = task({ NotificationSent: true, DueDate_NotificationSent: undefined });
  const update = planTaskUpdate(sent, { dueDate: OTHER_FUTURE }, LATER);
  expect(update.next).toMatchObject({
    DueDate: OTHER_FUTURE,
    NotificationSent: false,
    DueDate_NotificationSent: '2030-01-15#false',
    TaskDueSort: `${OTHER_FUTURE}#T1`,
  });
});

test('the same due date again does not re-arm a sent reminder', () => {
  const sent = task({ NotificationSent: true, DueDate_NotificationSent: undefined });
  const update = planTaskUpdate(sent, { dueDate: FUTURE }, LATER);
  expect(update.next.NotificationSent).toBe(true);
  expect(update.next.DueDate_NotificationSent).toBeUndefined();
});

test('a due date in the past or cleared leaves no pending reminder', () => {
  const past = planTaskUpdate(task(), { dueDate: PAST }, LATER).next;
  expect(past.DueDate_NotificationSent).toBeUndefined();
  const cleared = planTaskUpdate(task(), { dueDate: null }, LATER);
  expect(cleared.next.DueDate).toBeUndefined();
  expect(cleared.next.DueDate_NotificationSent).toBeUndefined();
  expect(cleared.next.TaskDueSort).toBe('~#T1');
  expect(touched(cleared).remove).toEqual(['DueDate', 'DueDate_NotificationSent']);
});

test('an unrelated edit keeps an overdue reminder the scanner has not reached yet', () => {
  const overdue = task({ DueDate: PAST, DueDate_NotificationSent: '2030-01-09#false' });
  const update = planTaskUpdate(overdue, { description: 'more' }, LATER);
  expect(update.next.DueDate_NotificationSent).toBe('2030-01-09#false');
  expect(touched(update).remove).toEqual([]);
});

test('null and empty descriptions clear it', () => {
  const described = task({ Description: 'text' });
  expect(planTaskUpdate(described, { description: null }, LATER).next.Description).toBeUndefined();
  expect(planTaskUpdate(described, { description: '' }, LATER).next.Description).toBeUndefined();
});
