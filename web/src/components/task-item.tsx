import Link from 'next/link';
import type { Task } from '@/api/types';
import { dueState, formatDateTime } from '@/lib/dates';
import { DueBadge, StatusBadge } from './badges';

export function TaskItem({ task, now }: { task: Task; now: Date }) {
  const completed = task.status === 'completed';
  const urgency = completed ? 'done' : dueState(task, now);
  return (
    <li
      className={`task-item due-state-${urgency}${completed ? ' completed' : ''}`}
      data-task-id={task.taskId}
    >
      <Link className="task-title" href={`/tasks/view/?id=${encodeURIComponent(task.taskId)}`}>
        {task.title}
      </Link>
      <div className="task-meta">
        <StatusBadge status={task.status} />
        <DueBadge task={task} now={now} />
        <span className="task-date">
          {task.dueDate ? `Due ${formatDateTime(task.dueDate)}` : 'No due date'}
        </span>
      </div>
    </li>
  );
}
