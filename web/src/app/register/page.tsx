'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useRef, useState } from 'react';
import { ApiError, errorMessage } from '@/api/problem';
import type { RegisterBody } from '@/api/types';
import { describedBy, Field } from '@/components/field';
import { FormError } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { PASSWORD_POLICY } from '@/lib/config';
import { useFocusFirstError } from '@/lib/use-focus-error';

const PASSWORD_HINT = PASSWORD_POLICY.requireSymbol
  ? `At least ${PASSWORD_POLICY.minLength} characters, with upper- and lower-case letters, a number and a symbol.`
  : `At least ${PASSWORD_POLICY.minLength} characters, with upper- and lower-case letters and a number.`;
const PHONE_HINT = 'Optional. International format, e.g. +14155550123. Needed for SMS reminders.';

export default function RegisterPage() {
  const { register, confirm, login } = useAuth();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Kept only until the code is confirmed, to log in right after.
  const [pending, setPending] = useState<{ email: string; password: string }>();
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, errors);

  function fail(error: unknown) {
    setBusy(false);
    setErrors(error instanceof ApiError ? error.fieldErrors() : {});
    setFormError(errorMessage(error));
  }

  async function submitRegistration(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const phone = String(data.get('phoneNumber') ?? '').trim();
    const body: RegisterBody = {
      email: String(data.get('email')),
      password: String(data.get('password')),
      firstName: String(data.get('firstName')),
      lastName: String(data.get('lastName')),
      ...(phone ? { phoneNumber: phone } : {}),
    };
    setBusy(true);
    setFormError(undefined);
    setErrors({});
    try {
      const outcome = await register(body);
      if (outcome === 'signed-in') {
        router.replace('/tasks/');
        return;
      }
      setPending({ email: body.email, password: body.password });
      setBusy(false);
    } catch (error) {
      fail(error);
    }
  }

  async function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending) return;
    const code = String(new FormData(event.currentTarget).get('code')).trim();
    setBusy(true);
    setFormError(undefined);
    setErrors({});
    try {
      await confirm(pending.email, code);
      await login(pending.email, pending.password);
      router.replace('/tasks/');
    } catch (error) {
      fail(error);
    }
  }

  if (pending) {
    return (
      <div className="card narrow">
        <title>Confirm your email · Taskmgr</title>
        <h1>Confirm your email</h1>
        <p>
          We sent a confirmation code to <strong>{pending.email}</strong>. Enter it to finish
          creating your account.
        </p>
        <form ref={form} onSubmit={submitCode}>
          <FormError message={formError} />
          <Field id="code" label="Confirmation code" error={errors.code}>
            <input
              {...describedBy('code', errors.code, undefined)}
              autoComplete="one-time-code"
              inputMode="numeric"
              required
            />
          </Field>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Confirming…' : 'Confirm'}
          </button>
        </form>
      </div>
    );
  }

  return (
    <div className="card narrow">
      <title>Register · Taskmgr</title>
      <h1>Create your account</h1>
      <form ref={form} onSubmit={submitRegistration} style={{ marginTop: 16 }}>
        <FormError message={formError} />
        <div className="row two">
          <Field id="firstName" label="First name" error={errors.firstName}>
            <input
              {...describedBy('firstName', errors.firstName, undefined)}
              autoComplete="given-name"
              required
            />
          </Field>
          <Field id="lastName" label="Last name" error={errors.lastName}>
            <input
              {...describedBy('lastName', errors.lastName, undefined)}
              autoComplete="family-name"
              required
            />
          </Field>
        </div>
        <Field id="email" label="Email" error={errors.email}>
          <input
            {...describedBy('email', errors.email, undefined)}
            type="email"
            autoComplete="email"
            required
          />
        </Field>
        <Field id="password" label="Password" error={errors.password} hint={PASSWORD_HINT}>
          <input
            {...describedBy('password', errors.password, PASSWORD_HINT)}
            type="password"
            autoComplete="new-password"
            required
          />
        </Field>
        <Field id="phoneNumber" label="Phone number" error={errors.phoneNumber} hint={PHONE_HINT}>
          <input
            {...describedBy('phoneNumber', errors.phoneNumber, PHONE_HINT)}
            type="tel"
            autoComplete="tel"
          />
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already registered? <Link href="/login/">Log in</Link>
      </p>
    </div>
  );
}
