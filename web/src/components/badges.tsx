import type { Task, TaskStatus } from '@/api/types';
import { DUE_LABELS, type DueState, dueState } from '@/lib/dates';

export const STATUS_LABELS: Record<TaskStatus, string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  completed: 'Completed',
};

// A symbol beside the words, so the badges differ in more than colour.
const STATUS_ICONS: Record<TaskStatus, string> = {
  pending: '○',
  in_progress: '◐',
  completed: '✓',
};

const DUE_ICONS: Record<DueState, string> = {
  overdue: '⚠',
  today: '●',
  soon: '◷',
  later: '◦',
  none: '–',
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <span className={`badge status-${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_ICONS[status]}</span>
      {STATUS_LABELS[status]}
    </span>
  );
}

/** The due-date urgency; nothing for completed or undated tasks. */
export function DueBadge({ task, now }: { task: Task; now: Date }) {
  if (task.status === 'completed' || !task.dueDate) return null;
  const state = dueState(task, now);
  return (
    <span className={`badge due-${state}`} data-due={state}>
      <span aria-hidden="true">{DUE_ICONS[state]}</span>
      {DUE_LABELS[state]}
    </span>
  );
}
