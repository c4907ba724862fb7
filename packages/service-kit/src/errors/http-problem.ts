import { STATUS_CODES } from 'node:http';
import type { FieldError } from './validation-errors';

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** The `type` of problems that need no further explanation than their status code. */
export const BLANK_PROBLEM_TYPE = 'about:blank';

/** A stable, dereference-free type URI for a named problem, e.g. `urn:problem:email-taken`. */
export function problemType(slug: string): string {
  return `urn:problem:${slug.toLowerCase().replace(/_/g, '-')}`;
}

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

export interface HttpProblemOptions {
  type?: string;
  /** Response headers to add, e.g. `WWW-Authenticate` on a 401. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * Thrown by routes to answer with a specific problem. The title and detail are written for the
 * client, so unlike other errors they are sent even for 5xx statuses.
 */
export class HttpProblem extends Error {
  readonly statusCode: number;
  readonly type: string;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly title: string = statusTitle(status),
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    options: HttpProblemOptions = {},
  ) {
    super(detail ?? title, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpProblem';
    this.statusCode = status;
    this.type = options.type ?? BLANK_PROBLEM_TYPE;
    this.headers = options.headers ?? {};
  }

  /** A problem titled with the standard reason phrase of its status. */
  static of(
    status: number,
    detail?: string,
    extra?: Record<string, unknown>,
    options?: HttpProblemOptions,
  ): HttpProblem {
    return new HttpProblem(status, statusTitle(status), detail, extra, options);
  }

  toProblem(instance?: string): ProblemDetails {
    const problem: ProblemDetails = {
      ...this.extra,
      type: this.type,
      title: this.title,
      status: this.status,
    };
    if (this.detail !== undefined) problem.detail = this.detail;
    if (instance !== undefined) problem.instance = instance;
    return problem;
  }
}
