'use client';

import { type FormEvent, useRef, useState } from 'react';
import { ApiError, errorMessage } from '@/api/problem';
import { TASK_STATUSES, type Task, type TaskStatus } from '@/api/types';
import { fromLocalInput, toLocalInput } from '@/lib/dates';
import { useFocusFirstError } from '@/lib/use-focus-error';
import { STATUS_LABELS } from './badges';
import { describedBy, Field } from './field';
import { FormError } from './states';

export interface TaskInput {
  title: string;
  description: string | null;
  status: TaskStatus;
  dueDate: string | null;
}

interface TaskFormProps {
  task?: Task;
  submitLabel: string;
  busyLabel: string;
  /** Saves; an ApiError's field problems appear under the fields they name. */
  save(input: TaskInput): Promise<void>;
  /** Extra content for a problem that needs an action, e.g. reload after a 412. */
  describeError?(error: unknown): string | undefined;
  cancel?: React.ReactNode;
}

const DUE_HINT = 'Optional. In your local time.';

export function TaskForm({
  task,
  submitLabel,
  busyLabel,
  save,
  describeError,
  cancel,
}: TaskFormProps) {
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, errors);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const description = String(data.get('description') ?? '');
    const input: TaskInput = {
      title: String(data.get('title') ?? ''),
      description: description === '' ? null : description,
      status: String(data.get('status')) as TaskStatus,
      dueDate: fromLocalInput(String(data.get('dueDate') ?? '')),
    };
    setBusy(true);
    setFormError(undefined);
    setErrors({});
    try {
      await save(input);
    } catch (error) {
      setBusy(false);
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      setErrors(fields);
      setFormError(
        describeError?.(error) ??
          (Object.keys(fields).length > 0
            ? 'Please correct the fields marked below.'
            : errorMessage(error)),
      );
    }
  }

  return (
    <form ref={form} onSubmit={submit} aria-busy={busy}>
      <FormError message={formError} />
      <Field id="title" label="Title" error={errors.title}>
        <input
          {...describedBy('title', errors.title, undefined)}
          defaultValue={task?.title ?? ''}
          maxLength={200}
          required
        />
      </Field>
      <Field id="description" label="Description" error={errors.description}>
        <textarea
          {...describedBy('description', errors.description, undefined)}
          defaultValue={task?.description ?? ''}
          maxLength={5000}
        />
      </Field>
      <div className="row two">
        <Field id="dueDate" label="Due date" error={errors.dueDate} hint={DUE_HINT}>
          <input
            {...describedBy('dueDate', errors.dueDate, DUE_HINT)}
            type="datetime-local"
            defaultValue={toLocalInput(task?.dueDate ?? null)}
          />
        </Field>
        <Field id="status" label="Status" error={errors.status}>
          <select
            {...describedBy('status', errors.status, undefined)}
            defaultValue={task?.status ?? 'pending'}
          >
            {TASK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {cancel}
      </div>
    </form>
  );
}
