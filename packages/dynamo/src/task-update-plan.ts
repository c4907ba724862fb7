/**
 * The state machine of a task update, as a pure function: from the stored item and a patch to
 * the next item and the minimal SET/REMOVE that gets there. Attributes the patch does not touch
 * are left alone, so a concurrent writer of other attributes (e.g. the reminder scanner's
 * lease) is never overwritten.
 */
import type { UpdatePlan } from './expression';
import { reminderPartitionFor, type TaskItem, type TaskStatus } from './items';
import { taskDueSortKey } from './keys';

export interface TaskPatch {
  title?: string | undefined;
  /** null (or an empty string) clears it. */
  description?: string | null | undefined;
  status?: TaskStatus | undefined;
  /** ISO-8601 UTC; null clears it. */
  dueDate?: string | null | undefined;
}

export interface TaskUpdate {
  next: TaskItem;
  plan: UpdatePlan;
}

type OptionalTaskAttribute =
  | 'Description'
  | 'DueDate'
  | 'TaskCompletedAt'
  | 'DueDate_NotificationSent';

export function planTaskUpdate(current: TaskItem, patch: TaskPatch, now: Date): TaskUpdate {
  const next: TaskItem = { ...current };
  const plan: UpdatePlan = { set: [], remove: [] };
  const set = <K extends keyof TaskItem>(name: K, value: TaskItem[K]) => {
    next[name] = value;
    plan.set.push({ path: [name], value });
  };
  const remove = (name: OptionalTaskAttribute) => {
    if (next[name] === undefined) return;
    delete next[name];
    plan.remove.push([name]);
  };
  const at = now.toISOString();

  if (patch.title !== undefined) set('Title', patch.title);
  if (patch.description === null || patch.description === '') remove('Description');
  else if (patch.description !== undefined) set('Description', patch.description);

  const wasCompleted = current.Status === 'completed';
  const nextStatus = patch.status ?? current.Status;
  const completing = !wasCompleted && nextStatus === 'completed';
  const reopening = wasCompleted && nextStatus !== 'completed';
  if (patch.status !== undefined) set('Status', patch.status);
  if (completing) set('TaskCompletedAt', at);
  if (reopening) remove('TaskCompletedAt');

  const nextDueDate = patch.dueDate === undefined ? current.DueDate : (patch.dueDate ?? undefined);
  const dueDateChanged = nextDueDate !== current.DueDate;
  if (dueDateChanged) {
    if (nextDueDate === undefined) remove('DueDate');
    else set('DueDate', nextDueDate);
    set('TaskDueSort', taskDueSortKey(nextDueDate, current.TaskId));
    // A new due date is a new reminder, whether or not the old one was sent.
    set('NotificationSent', false);
  }

  // Only these events move the reminder; recomputing on every edit would silently drop a
  // pending reminder whose due time passed before the scanner reached it.
  if (dueDateChanged || completing || reopening) {
    const reminder = reminderPartitionFor(next, now);
    if (reminder === undefined) remove('DueDate_NotificationSent');
    // Written even when it looks unchanged: the reminder job may have removed it (old reminder
    // sent) after this update read the item, and its write does not bump Version, so skipping
    // the SET would leave the new due date without a reminder.
    else set('DueDate_NotificationSent', reminder);
  }

  set('TaskUpdatedAt', at);
  set('Version', current.Version + 1);
  return { next, plan };
}
