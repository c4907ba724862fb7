/**
 * The rules a JSON schema cannot express, applied after schema validation: titles are trimmed
 * and measured in characters, due dates need an offset and are stored in UTC.
 */
import type { TaskPatch, TaskStatus } from '@taskmgr/dynamo';
import { FieldErrors } from '../http/problems';
import type { CreateTaskBody, UpdateTaskBody } from '../schemas/task';
import { DATE_TIME_RULE, toUtcIso } from './date-time';

export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 5000;

export interface TaskCreate {
  title: string;
  description: string | undefined;
  status: TaskStatus;
  /** UTC ISO-8601 with milliseconds. */
  dueDate: string | undefined;
}

export function normalizeCreate(body: CreateTaskBody): TaskCreate {
  const errors = new FieldErrors();
  const title = normalizeTitle(body.title, errors);
  const dueDate = normalizeDueDate(body.dueDate, errors);
  errors.throwIfAny();
  return {
    title,
    // An empty description is no description, as PATCH treats it.
    description: body.description || undefined,
    status: body.status ?? 'pending',
    dueDate: dueDate ?? undefined,
  };
}

export function normalizePatch(body: UpdateTaskBody): TaskPatch {
  const errors = new FieldErrors();
  const patch: TaskPatch = {};
  if (body.title !== undefined) patch.title = normalizeTitle(body.title, errors);
  if (body.description !== undefined) patch.description = body.description;
  if (body.status !== undefined) patch.status = body.status;
  if (body.dueDate !== undefined) patch.dueDate = normalizeDueDate(body.dueDate, errors);
  errors.throwIfAny();
  return patch;
}

/** A query-string date-time (dueBefore, dueAfter) in UTC, recording an error when invalid. */
export function normalizeQueryDateTime(
  field: string,
  value: string | undefined,
  errors: FieldErrors,
): string | undefined {
  if (value === undefined) return undefined;
  const utc = toUtcIso(value);
  if (utc === undefined) errors.add(field, 'querystring', DATE_TIME_RULE);
  return utc;
}

function normalizeTitle(title: string, errors: FieldErrors): string {
  const trimmed = title.trim();
  // Characters are code points, as the schema's maxLength counts them.
  const length = [...trimmed].length;
  if (length < 1 || length > MAX_TITLE_LENGTH) {
    errors.add('title', 'body', `must be 1-${MAX_TITLE_LENGTH} characters after trimming`);
  }
  return trimmed;
}

function normalizeDueDate(value: string | null | undefined, errors: FieldErrors) {
  if (value === undefined || value === null) return value;
  const utc = toUtcIso(value);
  if (utc === undefined) errors.add('dueDate', 'body', DATE_TIME_RULE);
  return utc;
}
