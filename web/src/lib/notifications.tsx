'use client';

/** The unread count behind the bell, polled while signed in; the inbox refreshes it. */
import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { useAuth } from './auth';
import { NOTIFICATION_POLL_MS } from './config';
import { usePolling } from './use-polling';

interface NotificationsValue {
  unread: number | undefined;
  refreshUnread(): Promise<void>;
}

const NotificationsContext = createContext<NotificationsValue | undefined>(undefined);

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const [unread, setUnread] = useState<number | undefined>(undefined);

  const refreshUnread = useCallback(async () => {
    try {
      const { count } = await unwrap(api.GET('/notifications/unread-count'));
      setUnread(count);
    } catch {
      // The bell keeps its last count; the next poll tries again.
    }
  }, []);

  const signedIn = status === 'signed-in';
  usePolling(refreshUnread, NOTIFICATION_POLL_MS, signedIn);

  return (
    <NotificationsContext.Provider value={{ unread: signedIn ? unread : undefined, refreshUnread }}>
      {children}
    </NotificationsContext.Provider>
  );
}

export function useNotifications(): NotificationsValue {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error('useNotifications outside NotificationsProvider');
  return value;
}
