'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { api, ifMatch, unwrap } from '@/api/client';
import { ApiError, errorMessage } from '@/api/problem';
import type { Task, TaskStatus } from '@/api/types';
import { DueBadge, StatusBadge } from '@/components/badges';
import { RequireAuth } from '@/components/require-auth';
import { Empty, ErrorState, FormError, Loading } from '@/components/states';
import { formatDateTime } from '@/lib/dates';
import { useTask } from '@/lib/use-task';

const STALE = 'This task was changed somewhere else. The latest version is shown; try again.';

function TaskDetail() {
  const taskId = useSearchParams().get('id');
  const router = useRouter();
  const { state, setState, reload } = useTask(taskId);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  if (state.kind === 'loading') return <Loading label="Loading the task…" />;
  if (state.kind === 'missing') {
    return (
      <Empty>
        <title>Task not found · Taskmgr</title>
        <p>This task does not exist or was deleted.</p>
        <Link href="/tasks/">Back to your tasks</Link>
      </Empty>
    );
  }
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  const { task } = state;

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setActionError(undefined);
    try {
      await run();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setActionError(STALE);
        await reload();
      } else {
        setActionError(errorMessage(error));
      }
    } finally {
      setBusy(false);
    }
  }

  const setStatus = (status: TaskStatus) =>
    act(async () => {
      const updated: Task = await unwrap(
        api.PATCH('/tasks/{taskId}', {
          params: { path: { taskId: task.taskId }, header: { 'if-match': ifMatch(task.version) } },
          body: { status },
        }),
      );
      setState({ kind: 'ready', task: updated });
    });

  const remove = () =>
    act(async () => {
      await unwrap(
        api.DELETE('/tasks/{taskId}', {
          params: { path: { taskId: task.taskId }, header: { 'if-match': ifMatch(task.version) } },
        }),
      );
      router.push('/tasks/?deleted=1');
    });

  const completed = task.status === 'completed';
  return (
    <article className="card">
      <title>{`${task.title} · Taskmgr`}</title>
      <p>
        <Link href="/tasks/">← All tasks</Link>
      </p>
      <div className="page-head">
        <h1
          style={{
            textDecoration: completed ? 'line-through' : undefined,
            overflowWrap: 'anywhere',
          }}
        >
          {task.title}
        </h1>
        <div className="task-meta">
          <StatusBadge status={task.status} />
          <DueBadge task={task} now={new Date()} />
        </div>
      </div>
      <FormError message={actionError} />
      <dl className="detail-list">
        <dt>Due</dt>
        <dd>{task.dueDate ? formatDateTime(task.dueDate) : 'No due date'}</dd>
        <dt>Description</dt>
        <dd className="description">{task.description || '—'}</dd>
        {task.completedAt ? (
          <>
            <dt>Completed</dt>
            <dd>{formatDateTime(task.completedAt)}</dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>{formatDateTime(task.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{formatDateTime(task.updatedAt)}</dd>
      </dl>
      <div className="actions">
        {completed ? (
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => setStatus('pending')}
          >
            Reopen
          </button>
        ) : (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => setStatus('completed')}
          >
            Mark complete
          </button>
        )}
        <Link
          className="button secondary"
          href={`/tasks/edit/?id=${encodeURIComponent(task.taskId)}`}
        >
          Edit
        </Link>
        {confirmingDelete ? null : (
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => setConfirmingDelete(true)}
          >
            Delete
          </button>
        )}
      </div>
      {confirmingDelete ? (
        <div
          className="alert error"
          role="alertdialog"
          aria-labelledby="confirm-delete"
          style={{ marginTop: 16 }}
        >
          <p id="confirm-delete" style={{ marginTop: 0 }}>
            Delete “{task.title}”? This cannot be undone.
          </p>
          <div className="actions" style={{ marginTop: 8 }}>
            <button type="button" className="button danger" disabled={busy} onClick={remove}>
              Yes, delete
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => setConfirmingDelete(false)}
            >
              Keep it
            </button>
          </div>
        </div>
      ) : null}
    </article>
  );
}

export default function TaskPage() {
  return (
    <RequireAuth>
      <Suspense fallback={<Loading />}>
        <TaskDetail />
      </Suspense>
    </RequireAuth>
  );
}
