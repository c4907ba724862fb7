'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { api, ifMatch, unwrap } from '@/api/client';
import { ApiError } from '@/api/problem';
import { RequireAuth } from '@/components/require-auth';
import { Empty, ErrorState, Loading } from '@/components/states';
import { TaskForm, type TaskInput } from '@/components/task-form';
import { useTask } from '@/lib/use-task';

function EditTask() {
  const taskId = useSearchParams().get('id');
  const router = useRouter();
  const { state, reload } = useTask(taskId);

  if (state.kind === 'loading') return <Loading label="Loading the task…" />;
  if (state.kind === 'missing') {
    return (
      <Empty>
        <p>This task does not exist or was deleted.</p>
        <Link href="/tasks/">Back to your tasks</Link>
      </Empty>
    );
  }
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  const { task } = state;
  const viewHref = `/tasks/view/?id=${encodeURIComponent(task.taskId)}`;

  async function save(input: TaskInput) {
    await unwrap(
      api.PATCH('/tasks/{taskId}', {
        params: { path: { taskId: task.taskId }, header: { 'if-match': ifMatch(task.version) } },
        body: input,
      }),
    );
    router.push(viewHref);
  }

  return (
    <div className="card form-page">
      <title>Edit task · Taskmgr</title>
      <h1 style={{ marginBottom: 16 }}>Edit task</h1>
      <TaskForm
        key={task.version}
        task={task}
        submitLabel="Save changes"
        busyLabel="Saving…"
        save={save}
        describeError={(error) =>
          error instanceof ApiError && error.status === 412
            ? 'This task was changed somewhere else since you opened it. Reload to edit the latest version.'
            : undefined
        }
        cancel={
          <>
            <Link href={viewHref} className="button secondary">
              Cancel
            </Link>
            <button type="button" className="button secondary" onClick={() => void reload()}>
              Reload
            </button>
          </>
        }
      />
    </div>
  );
}

export default function EditTaskPage() {
  return (
    <RequireAuth>
      <Suspense fallback={<Loading />}>
        <EditTask />
      </Suspense>
    </RequireAuth>
  );
}
