'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { errorMessage } from '@/api/problem';
import type { AppNotification } from '@/api/types';
import { RequireAuth } from '@/components/require-auth';
import { Empty, ErrorState, FormError, Loading } from '@/components/states';
import { formatDateTime } from '@/lib/dates';
import { useNotifications } from '@/lib/notifications';

const KIND_LABELS: Record<AppNotification['kind'], string> = {
  task_due: 'Due soon',
  task_completed: 'Completed',
};

type InboxState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: AppNotification[]; nextCursor: string | null };

function Inbox() {
  const { unread, refreshUnread } = useNotifications();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [state, setState] = useState<InboxState>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const shown = useRef(0);

  const load = useCallback(
    async (quiet = false) => {
      if (!quiet) setState({ kind: 'loading' });
      try {
        const page = await unwrap(
          api.GET('/notifications', {
            params: {
              query: {
                limit: Math.max(20, shown.current),
                ...(unreadOnly ? { unread: true } : {}),
              },
            },
          }),
        );
        shown.current = page.items.length;
        setState({ kind: 'ready', items: page.items, nextCursor: page.nextCursor });
      } catch (error) {
        if (!quiet) setState({ kind: 'error', message: errorMessage(error) });
      }
    },
    [unreadOnly],
  );

  useEffect(() => {
    shown.current = 0;
    void load();
  }, [load]);

  // The bell's poll notices new notifications; the list follows without a spinner.
  const lastUnread = useRef(unread);
  useEffect(() => {
    if (unread !== lastUnread.current) {
      lastUnread.current = unread;
      void load(true);
    }
  }, [unread, load]);

  async function act(run: () => Promise<unknown>) {
    setBusy(true);
    setActionError(undefined);
    try {
      await run();
      await Promise.all([load(true), refreshUnread()]);
    } catch (error) {
      setActionError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function loadMore() {
    if (state.kind !== 'ready' || !state.nextCursor) return;
    await act(async () => {
      const page = await unwrap(
        api.GET('/notifications', {
          params: {
            query: {
              limit: 20,
              cursor: state.nextCursor ?? '',
              ...(unreadOnly ? { unread: true } : {}),
            },
          },
        }),
      );
      shown.current = state.items.length + page.items.length;
      setState({
        kind: 'ready',
        items: [...state.items, ...page.items],
        nextCursor: page.nextCursor,
      });
    });
  }

  const hasUnread = state.kind === 'ready' && state.items.some((n) => !n.read);

  return (
    <>
      <title>Notifications · Taskmgr</title>
      <div className="page-head">
        <h1>Notifications</h1>
        <button
          type="button"
          className="button secondary"
          disabled={busy || !hasUnread}
          onClick={() => act(() => unwrap(api.POST('/notifications/read-all')))}
        >
          Mark all read
        </button>
      </div>
      <div className="toolbar">
        <label className="check" style={{ marginBottom: 0 }}>
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => setUnreadOnly(e.target.checked)}
          />
          Unread only
        </label>
        <span className="hint" role="status">
          {unread === undefined ? '' : unread === 1 ? '1 unread' : `${unread} unread`}
        </span>
      </div>
      <FormError message={actionError} />
      {state.kind === 'loading' ? <Loading label="Loading notifications…" /> : null}
      {state.kind === 'error' ? (
        <ErrorState message={state.message} onRetry={() => load()} />
      ) : null}
      {state.kind === 'ready' && state.items.length === 0 ? (
        <Empty>
          <p>{unreadOnly ? 'No unread notifications.' : 'No notifications yet.'}</p>
          <p className="hint">
            You are notified here when a task is due within 24 hours or completed.
          </p>
        </Empty>
      ) : null}
      {state.kind === 'ready' && state.items.length > 0 ? (
        <ul className="inbox" aria-label="Notifications">
          {state.items.map((item) => (
            <li
              key={item.notificationId}
              className={`inbox-item${item.read ? '' : ' unread'}`}
              data-notification-id={item.notificationId}
            >
              <div className="inbox-body">
                <p className="inbox-title">
                  <span
                    className={`badge ${item.kind === 'task_completed' ? 'status-completed' : 'due-soon'}`}
                  >
                    {KIND_LABELS[item.kind]}
                  </span>{' '}
                  <Link href={`/tasks/view/?id=${encodeURIComponent(item.taskId)}`}>
                    {item.title}
                  </Link>
                  {item.read ? null : <span className="visually-hidden"> (unread)</span>}
                </p>
                <p className="inbox-message">{item.message}</p>
                <span className="inbox-time">{formatDateTime(item.createdAt)}</span>
              </div>
              {item.read ? (
                <span className="hint">Read</span>
              ) : (
                <button
                  type="button"
                  className="button secondary"
                  disabled={busy}
                  aria-label={`Mark “${item.title}” read`}
                  onClick={() =>
                    act(() =>
                      unwrap(
                        api.POST('/notifications/{notificationId}/read', {
                          params: { path: { notificationId: item.notificationId } },
                        }),
                      ),
                    )
                  }
                >
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {state.kind === 'ready' && state.nextCursor ? (
        <div className="load-more">
          <button type="button" className="button secondary" disabled={busy} onClick={loadMore}>
            Load more
          </button>
        </div>
      ) : null}
    </>
  );
}

export default function NotificationsPage() {
  return (
    <RequireAuth>
      <Inbox />
    </RequireAuth>
  );
}
