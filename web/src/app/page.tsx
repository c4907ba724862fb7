'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { Loading } from '@/components/states';
import { useAuth } from '@/lib/auth';

export default function Home() {
  const { status } = useAuth();
  const router = useRouter();
  useEffect(() => {
    if (status === 'signed-in') router.replace('/tasks/');
    if (status === 'signed-out') router.replace('/login/');
  }, [status, router]);
  return <Loading />;
}
