import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/header';
import { AuthProvider } from '@/lib/auth';
import { NotificationsProvider } from '@/lib/notifications';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Taskmgr', template: '%s · Taskmgr' },
  description: 'Your tasks, due dates and reminders',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AuthProvider>
          <NotificationsProvider>
            <AppHeader />
            <main id="main">{children}</main>
          </NotificationsProvider>
        </AuthProvider>
      </body>
    </html>
  );
}
