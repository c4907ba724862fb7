/**
 * What each kind of notification says, and its id. The id is derived from what caused the
 * notification, so a replayed event or a second scanner finds the existing NOTIF item instead of
 * creating another: `due-<taskId>-<due epoch ms>` per task and due date (a new due date is a new
 * reminder), `done-<eventId>` per completion event.
 */
import type { NotificationKind, Task } from '@taskmgr/dynamo';
import type { TaskCompletedEventV1 } from '@taskmgr/events';

export interface NotificationRequest {
  userId: string;
  notificationId: string;
  kind: NotificationKind;
  taskId: string;
  /** The inbox title: the task's title. */
  title: string;
  /** The inbox text, also the SMS and email body. */
  message: string;
  /** Email subject line. */
  subject: string;
}

export function reminderNotificationId(taskId: string, dueDate: string): string {
  return `due-${taskId}-${Date.parse(dueDate)}`;
}

export function completionNotificationId(eventId: string): string {
  return `done-${eventId}`;
}

export function dueReminderRequest(
  userId: string,
  task: Pick<Task, 'taskId' | 'title'>,
  dueDate: string,
  now: Date,
): NotificationRequest {
  return {
    userId,
    notificationId: reminderNotificationId(task.taskId, dueDate),
    kind: 'task_due',
    taskId: task.taskId,
    title: task.title,
    message: `"${task.title}" ${describeDue(dueDate, now)}.`,
    subject: `Task due soon: ${task.title}`,
  };
}

export function completionRequest(event: TaskCompletedEventV1): NotificationRequest {
  return {
    userId: event.userId,
    notificationId: completionNotificationId(event.eventId),
    kind: 'task_completed',
    taskId: event.taskId,
    title: event.title,
    message: `"${event.title}" was completed on ${formatUtc(event.completedAt)}.`,
    subject: `Task completed: ${event.title}`,
  };
}

const HOUR_MS = 3_600_000;

export function describeDue(dueDate: string, now: Date): string {
  const at = formatUtc(dueDate);
  const remainingMs = Date.parse(dueDate) - now.getTime();
  if (remainingMs <= 0) return `was due at ${at}`;
  if (remainingMs < HOUR_MS) return `is due in less than an hour (${at})`;
  const hours = Math.round(remainingMs / HOUR_MS);
  return `is due in ${hours} hour${hours === 1 ? '' : 's'} (${at})`;
}

/** `2030-07-02 10:00 UTC`. */
export function formatUtc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
