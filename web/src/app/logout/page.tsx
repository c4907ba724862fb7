'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '@/api/problem';
import { Loading } from '@/components/states';
import { useAuth } from '@/lib/auth';

/** Logging out is a page of its own, so a link (or the address bar) can do it. */
export default function LogoutPage() {
  const { logout, status } = useAuth();
  const [state, setState] = useState<'working' | 'done' | { error: string }>('working');
  const started = useRef(false);

  useEffect(() => {
    if (status === 'loading' || started.current) return;
    started.current = true;
    logout().then(
      () => setState('done'),
      (error: unknown) => setState({ error: errorMessage(error) }),
    );
  }, [logout, status]);

  return (
    <div className="card narrow">
      <title>Log out · Taskmgr</title>
      <h1>Log out</h1>
      {state === 'working' ? <Loading label="Logging you out…" /> : null}
      {state === 'done' ? (
        <p className="alert success" role="status">
          You are logged out.
        </p>
      ) : null}
      {typeof state === 'object' ? (
        <p className="alert error" role="alert">
          You are logged out on this device, but the server could not be told: {state.error}
        </p>
      ) : null}
      {state !== 'working' ? (
        <p>
          <Link href="/login/">Log in again</Link>
        </p>
      ) : null}
    </div>
  );
}
