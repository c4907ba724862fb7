'use client';

import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { api, ifMatch, unwrap } from '@/api/client';
import { ApiError, errorMessage } from '@/api/problem';
import type { Profile, ProfilePatch } from '@/api/types';
import { describedBy, Field } from '@/components/field';
import { RequireAuth } from '@/components/require-auth';
import { ErrorState, FormError, Loading } from '@/components/states';
import { useFocusFirstError } from '@/lib/use-focus-error';

const PHONE_HINT = 'International format, e.g. +14155550123. Leave empty to remove it.';
const STALE = 'Your profile was changed somewhere else; the latest version is shown. Try again.';

type Outcome = { ok: string } | { error: string } | undefined;

function useSaver(
  profile: Profile,
  onSaved: (profile: Profile) => void,
  reload: () => Promise<void>,
) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function save(patch: ProfilePatch, message: string) {
    setBusy(true);
    setOutcome(undefined);
    setErrors({});
    try {
      const saved = await unwrap(
        api.PATCH('/users/me', {
          params: { header: { 'if-match': ifMatch(profile.version) } },
          body: patch,
        }),
      );
      onSaved(saved);
      setOutcome({ ok: message });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await reload();
        setOutcome({ error: STALE });
      } else {
        const fields = error instanceof ApiError ? error.fieldErrors() : {};
        setErrors(fields);
        setOutcome({
          error:
            Object.keys(fields).length > 0
              ? 'Please correct the fields marked below.'
              : errorMessage(error),
        });
      }
    } finally {
      setBusy(false);
    }
  }
  return { busy, outcome, errors, save };
}

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  if ('error' in outcome) return <FormError message={outcome.error} />;
  return (
    <p className="alert success" role="status">
      {outcome.ok}
    </p>
  );
}

function ProfileForm({
  profile,
  onSaved,
  reload,
}: {
  profile: Profile;
  onSaved: (p: Profile) => void;
  reload: () => Promise<void>;
}) {
  const { busy, outcome, errors, save } = useSaver(profile, onSaved, reload);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, errors);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const phone = String(data.get('phoneNumber') ?? '').trim();
    void save(
      {
        firstName: String(data.get('firstName') ?? ''),
        lastName: String(data.get('lastName') ?? ''),
        phoneNumber: phone === '' ? null : phone,
      },
      'Profile saved.',
    );
  }

  return (
    <form ref={form} className="card" onSubmit={submit} aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <OutcomeMessage outcome={outcome} />
      <p className="hint" style={{ marginBottom: 12 }}>
        Signed in as <strong>{profile.email}</strong>
      </p>
      <div className="row two">
        <Field id="firstName" label="First name" error={errors.firstName}>
          <input
            {...describedBy('firstName', errors.firstName, undefined)}
            defaultValue={profile.firstName}
            autoComplete="given-name"
            required
          />
        </Field>
        <Field id="lastName" label="Last name" error={errors.lastName}>
          <input
            {...describedBy('lastName', errors.lastName, undefined)}
            defaultValue={profile.lastName}
            autoComplete="family-name"
            required
          />
        </Field>
      </div>
      <Field id="phoneNumber" label="Phone number" error={errors.phoneNumber} hint={PHONE_HINT}>
        <input
          {...describedBy('phoneNumber', errors.phoneNumber, PHONE_HINT)}
          type="tel"
          autoComplete="tel"
          defaultValue={profile.phoneNumber ?? ''}
        />
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save profile'}
      </button>
    </form>
  );
}

function PreferencesForm({
  profile,
  onSaved,
  reload,
}: {
  profile: Profile;
  onSaved: (p: Profile) => void;
  reload: () => Promise<void>;
}) {
  const { busy, outcome, errors, save } = useSaver(profile, onSaved, reload);
  const prefs = profile.notificationPreferences;
  const [email, setEmail] = useState(prefs.email);
  const [sms, setSms] = useState(prefs.sms);
  const hasPhone = Boolean(profile.phoneNumber);
  const smsError = errors['notificationPreferences.sms'];

  useEffect(() => {
    setEmail(prefs.email);
    setSms(prefs.sms);
  }, [prefs.email, prefs.sms]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(
      { notificationPreferences: { email, sms: hasPhone && sms } },
      'Notification preferences saved.',
    );
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="prefs-title">
      <h2 id="prefs-title">Notification preferences</h2>
      <OutcomeMessage outcome={outcome} />
      <p className="hint" style={{ marginBottom: 12 }}>
        You are always notified here in the app. Choose where else reminders and completions go.
      </p>
      <div className="check">
        <input
          id="pref-email"
          type="checkbox"
          checked={email}
          onChange={(e) => setEmail(e.target.checked)}
        />
        <label htmlFor="pref-email">Email</label>
      </div>
      <div className={`check${hasPhone ? '' : ' disabled'}`}>
        <input
          id="pref-sms"
          type="checkbox"
          checked={hasPhone && sms}
          disabled={!hasPhone}
          aria-describedby="pref-sms-hint"
          aria-invalid={smsError ? true : undefined}
          onChange={(e) => setSms(e.target.checked)}
        />
        <div>
          <label htmlFor="pref-sms">SMS</label>
          <p id="pref-sms-hint" className="hint">
            {hasPhone
              ? `Text messages go to ${profile.phoneNumber}.`
              : 'Add a phone number to your profile to turn on SMS.'}
          </p>
          {smsError ? <p className="field-error">{smsError}</p> : null}
        </div>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save preferences'}
      </button>
    </form>
  );
}

function ProfilePage() {
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; profile: Profile }
  >({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', profile: await unwrap(api.GET('/users/me')) });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const onSaved = useCallback((profile: Profile) => setState({ kind: 'ready', profile }), []);

  return (
    <div className="form-page">
      <title>Profile · Taskmgr</title>
      <div className="page-head">
        <h1>Profile and preferences</h1>
      </div>
      {state.kind === 'loading' ? <Loading label="Loading your profile…" /> : null}
      {state.kind === 'error' ? (
        <ErrorState
          message={state.message}
          onRetry={() => {
            setState({ kind: 'loading' });
            void load();
          }}
        />
      ) : null}
      {state.kind === 'ready' ? (
        <>
          <ProfileForm profile={state.profile} onSaved={onSaved} reload={load} />
          <PreferencesForm profile={state.profile} onSaved={onSaved} reload={load} />
        </>
      ) : null}
    </div>
  );
}

export default function Page() {
  return (
    <RequireAuth>
      <ProfilePage />
    </RequireAuth>
  );
}
