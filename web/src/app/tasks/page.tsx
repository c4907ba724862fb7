'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { ApiError, errorMessage } from '@/api/problem';
import { TASK_STATUSES, type Task, type TaskQuery } from '@/api/types';
import { STATUS_LABELS } from '@/components/badges';
import { describedBy, Field } from '@/components/field';
import { RequireAuth } from '@/components/require-auth';
import { Empty, ErrorState, Loading } from '@/components/states';
import { TaskItem } from '@/components/task-item';
import { addDays, startOfLocalDay } from '@/lib/dates';

const PAGE_SIZE = 20;
const SORTS = { createdAt: 'Created', updatedAt: 'Last updated', dueDate: 'Due date' } as const;

interface Filters {
  status: string;
  dueAfter: string;
  dueBefore: string;
  sort: string;
  order: string;
}

const FILTER_KEYS: (keyof Filters)[] = ['status', 'dueAfter', 'dueBefore', 'sort', 'order'];

/** The filters as the API wants them: dates are whole local days, "before" includes its day. */
function toQuery(filters: Filters): TaskQuery {
  const query: TaskQuery = { limit: PAGE_SIZE };
  if (filters.status) query.status = filters.status as TaskQuery['status'];
  const after = startOfLocalDay(filters.dueAfter);
  if (after) query.dueAfter = after.toISOString();
  const before = startOfLocalDay(filters.dueBefore);
  if (before) query.dueBefore = addDays(before, 1).toISOString();
  if (filters.sort) query.sort = filters.sort as TaskQuery['sort'];
  if (filters.order) query.order = filters.order as TaskQuery['order'];
  return query;
}

type ListState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: Task[]; nextCursor: string | null };

function TaskList() {
  const params = useSearchParams();
  const router = useRouter();
  const filters = useMemo<Filters>(
    () => ({
      status: params.get('status') ?? '',
      dueAfter: params.get('dueAfter') ?? '',
      dueBefore: params.get('dueBefore') ?? '',
      sort: params.get('sort') ?? '',
      order: params.get('order') ?? '',
    }),
    [params],
  );
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  const [filterErrors, setFilterErrors] = useState<Record<string, string>>({});
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string>();
  const now = new Date();

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    setFilterErrors({});
    try {
      const page = await unwrap(api.GET('/tasks', { params: { query: toQuery(filters) } }));
      setState({ kind: 'ready', items: page.items, nextCursor: page.nextCursor });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) setFilterErrors(error.fieldErrors());
      setState({ kind: 'error', message: errorMessage(error) });
    }
  }, [filters]);

  useEffect(() => {
    void load();
  }, [load]);

  async function loadMore() {
    if (state.kind !== 'ready' || !state.nextCursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await unwrap(
        api.GET('/tasks', { params: { query: { ...toQuery(filters), cursor: state.nextCursor } } }),
      );
      setState({
        kind: 'ready',
        items: [...state.items, ...page.items],
        nextCursor: page.nextCursor,
      });
    } catch (error) {
      setMoreError(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  }

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const search = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = String(data.get(key) ?? '');
      if (value) search.set(key, value);
    }
    const query = search.toString();
    router.push(query ? `/tasks/?${query}` : '/tasks/');
  }

  const filtered = FILTER_KEYS.some((key) => filters[key] !== '');
  const dueError = filterErrors.dueAfter ?? filterErrors.dueBefore;

  return (
    <>
      <title>Tasks · Taskmgr</title>
      <div className="page-head">
        <h1>Your tasks</h1>
        <Link className="button" href="/tasks/new/">
          + New task
        </Link>
      </div>
      {params.get('deleted') ? (
        <p className="alert success" role="status">
          The task was deleted.
        </p>
      ) : null}
      <form
        className="card filters"
        onSubmit={applyFilters}
        aria-label="Filter and sort tasks"
        key={params.toString()}
      >
        <Field id="status" label="Status" error={filterErrors.status}>
          <select
            {...describedBy('status', filterErrors.status, undefined)}
            defaultValue={filters.status}
          >
            <option value="">Any status</option>
            {TASK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="dueAfter" label="Due from" error={filterErrors.dueAfter}>
          <input
            {...describedBy('dueAfter', filterErrors.dueAfter, undefined)}
            type="date"
            defaultValue={filters.dueAfter}
          />
        </Field>
        <Field id="dueBefore" label="Due until" error={filterErrors.dueBefore}>
          <input
            {...describedBy('dueBefore', filterErrors.dueBefore, undefined)}
            type="date"
            defaultValue={filters.dueBefore}
          />
        </Field>
        <Field id="sort" label="Sort by" error={filterErrors.sort}>
          <select
            {...describedBy('sort', filterErrors.sort, undefined)}
            defaultValue={filters.sort}
          >
            <option value="">Created</option>
            {Object.entries(SORTS)
              .filter(([value]) => value !== 'createdAt')
              .map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
          </select>
        </Field>
        <Field id="order" label="Order" error={filterErrors.order}>
          <select
            {...describedBy('order', filterErrors.order, undefined)}
            defaultValue={filters.order}
          >
            <option value="">Default</option>
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        </Field>
        <div className="filter-actions">
          <button type="submit" className="button">
            Apply
          </button>
          {filtered ? (
            <Link className="button secondary" href="/tasks/">
              Clear
            </Link>
          ) : null}
        </div>
      </form>

      {state.kind === 'loading' ? <Loading label="Loading your tasks…" /> : null}
      {state.kind === 'error' ? (
        <ErrorState
          message={dueError ? 'Please correct the filters marked above.' : state.message}
          onRetry={dueError ? undefined : load}
        />
      ) : null}
      {state.kind === 'ready' && state.items.length === 0 ? (
        <Empty>
          {filtered ? (
            <p>No tasks match these filters.</p>
          ) : (
            <>
              <p>You have no tasks yet.</p>
              <Link className="button" href="/tasks/new/">
                Create your first task
              </Link>
            </>
          )}
        </Empty>
      ) : null}
      {state.kind === 'ready' && state.items.length > 0 ? (
        <>
          <ul className="task-list" aria-label="Tasks">
            {state.items.map((task) => (
              <TaskItem key={task.taskId} task={task} now={now} />
            ))}
          </ul>
          {moreError ? <ErrorState message={moreError} onRetry={loadMore} /> : null}
          {state.nextCursor ? (
            <div className="load-more">
              <button
                type="button"
                className="button secondary"
                onClick={loadMore}
                disabled={loadingMore}
              >
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : (
            <p className="state" style={{ padding: 12 }}>
              {state.items.length === 1 ? '1 task' : `${state.items.length} tasks`}, all shown.
            </p>
          )}
        </>
      ) : null}
    </>
  );
}

export default function TasksPage() {
  return (
    <RequireAuth>
      <Suspense fallback={<Loading />}>
        <TaskList />
      </Suspense>
    </RequireAuth>
  );
}
