'use client';

import { useCallback, useEffect, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { ApiError, errorMessage } from '@/api/problem';
import type { Task } from '@/api/types';

export type TaskState =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; task: Task };

/** One task by id, with a reload; 'missing' for an unknown (or another user's) task. */
export function useTask(taskId: string | null) {
  const [state, setState] = useState<TaskState>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!taskId) {
      setState({ kind: 'missing' });
      return;
    }
    setState((current) => (current.kind === 'ready' ? current : { kind: 'loading' }));
    try {
      const task = await unwrap(api.GET('/tasks/{taskId}', { params: { path: { taskId } } }));
      setState({ kind: 'ready', task });
    } catch (error) {
      const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
      setState(missing ? { kind: 'missing' } : { kind: 'error', message: errorMessage(error) });
    }
  }, [taskId]);

  useEffect(() => {
    void load();
  }, [load]);

  return { state, setState, reload: load };
}
