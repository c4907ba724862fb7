'use client';

import { usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useEffect } from 'react';
import { useAuth } from '@/lib/auth';
import { Loading } from './states';

/** Renders its children for a signed-in user; sends anyone else to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (status !== 'signed-out') return;
    const next = `${pathname}${window.location.search}`;
    router.replace(`/login/?next=${encodeURIComponent(next)}`);
  }, [status, router, pathname]);

  if (status !== 'signed-in') return <Loading label="Checking your session…" />;
  return <>{children}</>;
}
