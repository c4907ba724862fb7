/** API failures as one error type: the problem+json body when there is one. */
import type { FieldError } from './types';

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemBody,
  ) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
    this.name = 'ApiError';
  }

  /** Field → message for the form fields named in a validation problem. */
  fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      result[error.field] ??= sentenceCase(error.message);
    }
    return result;
  }
}

/** "must be …" → "Must be …": the API's messages follow the field name, ours stand alone. */
export function sentenceCase(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export function isProblemBody(value: unknown): value is ProblemBody {
  return typeof value === 'object' && value !== null && ('title' in value || 'detail' in value);
}

/** What a person should read for any failure, network errors included. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'The server cannot be reached. Check your connection.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}
