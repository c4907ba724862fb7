'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, Suspense, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '@/api/problem';
import { describedBy, Field } from '@/components/field';
import { FormError, Loading } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { safeNext } from '@/lib/safe-next';
import { useFocusFirstError } from '@/lib/use-focus-error';

function LoginForm() {
  const { login, status } = useAuth();
  const router = useRouter();
  const next = safeNext(useSearchParams().get('next'));
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, errors);

  useEffect(() => {
    if (status === 'signed-in' && !busy) router.replace(next);
  }, [status, busy, next, router]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setFormError(undefined);
    setErrors({});
    try {
      await login(String(data.get('email')), String(data.get('password')));
      router.replace(next);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.problem.errors) setErrors(error.fieldErrors());
      setFormError(errorMessage(error));
    }
  }

  return (
    <div className="card narrow">
      <title>Log in · Taskmgr</title>
      <h1>Log in</h1>
      <p className="hint">Welcome back. Log in to see your tasks.</p>
      <form ref={form} onSubmit={submit} style={{ marginTop: 16 }}>
        <FormError message={formError} />
        <Field id="email" label="Email" error={errors.email}>
          <input
            {...describedBy('email', errors.email, undefined)}
            type="email"
            autoComplete="email"
            required
          />
        </Field>
        <Field id="password" label="Password" error={errors.password}>
          <input
            {...describedBy('password', errors.password, undefined)}
            type="password"
            autoComplete="current-password"
            required
          />
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p>
        No account yet? <Link href="/register/">Register</Link>
      </p>
    </div>
  );
}

export default function LoginPage() {
  return (
    <Suspense fallback={<Loading />}>
      <LoginForm />
    </Suspense>
  );
}
