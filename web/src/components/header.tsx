'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useAuth } from '@/lib/auth';
import { useNotifications } from '@/lib/notifications';

function NavLink({
  href,
  children,
  label,
}: {
  href: string;
  children: React.ReactNode;
  label?: string;
}) {
  const pathname = usePathname();
  const current = pathname === href || (href !== '/' && pathname.startsWith(href));
  return (
    <Link href={href} aria-current={current ? 'page' : undefined} aria-label={label}>
      {children}
    </Link>
  );
}

function Bell() {
  const { unread } = useNotifications();
  const count = unread ?? 0;
  const label = unread === undefined ? 'Notifications' : `Notifications, ${count} unread`;
  return (
    <NavLink href="/notifications/" label={label}>
      <svg className="bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15a2.5 2.5 0 0 0 5 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinejoin="round"
        />
      </svg>
      <span className="nav-text">Inbox</span>
      {count > 0 ? (
        <span className="bell-count" data-testid="unread-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </NavLink>
  );
}

export function AppHeader() {
  const { status } = useAuth();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app-header-inner">
        <Link href="/" className="brand">
          Taskmgr
        </Link>
        {status === 'signed-in' ? (
          <nav aria-label="Main">
            <ul className="nav">
              <li>
                <NavLink href="/tasks/">Tasks</NavLink>
              </li>
              <li>
                <NavLink href="/calendar/">Calendar</NavLink>
              </li>
              <li>
                <Bell />
              </li>
              <li>
                <NavLink href="/profile/">Profile</NavLink>
              </li>
              <li>
                <NavLink href="/logout/">Log out</NavLink>
              </li>
            </ul>
          </nav>
        ) : status === 'signed-out' ? (
          <nav aria-label="Account">
            <ul className="nav">
              <li>
                <NavLink href="/login/">Log in</NavLink>
              </li>
              <li>
                <NavLink href="/register/">Register</NavLink>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>
    </header>
  );
}
