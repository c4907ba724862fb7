'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { api, unwrap } from '@/api/client';
import { ApiError } from '@/api/problem';
import { RequireAuth } from '@/components/require-auth';
import { TaskForm, type TaskInput } from '@/components/task-form';

function NewTask() {
  const router = useRouter();
  // One key per task being created: a retried submit cannot create it twice. A refused
  // request created nothing, so the corrected one gets a new key.
  const idempotencyKey = useRef(crypto.randomUUID());

  async function save(input: TaskInput) {
    try {
      const task = await unwrap(
        api.POST('/tasks', {
          params: { header: { 'idempotency-key': idempotencyKey.current } },
          body: {
            title: input.title,
            status: input.status,
            ...(input.description ? { description: input.description } : {}),
            ...(input.dueDate ? { dueDate: input.dueDate } : {}),
          },
        }),
      );
      router.push(`/tasks/view/?id=${encodeURIComponent(task.taskId)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        idempotencyKey.current = crypto.randomUUID();
      }
      throw error;
    }
  }

  return (
    <div className="card form-page">
      <title>New task · Taskmgr</title>
      <h1 style={{ marginBottom: 16 }}>New task</h1>
      <TaskForm
        submitLabel="Create task"
        busyLabel="Creating…"
        save={save}
        cancel={
          <Link href="/tasks/" className="button secondary">
            Cancel
          </Link>
        }
      />
    </div>
  );
}

export default function NewTaskPage() {
  return (
    <RequireAuth>
      <NewTask />
    </RequireAuth>
  );
}
