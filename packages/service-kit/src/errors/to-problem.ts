import type { FastifySchemaValidationError } from 'fastify';
import { asDomainError, type DomainErrorStatusMap } from './domain-errors';
import {
  BLANK_PROBLEM_TYPE,
  HttpProblem,
  type ProblemDetails,
  problemType,
  statusTitle,
} from './http-problem';
import { type RequestPart, toFieldErrors } from './validation-errors';

export interface ProblemOutcome {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** Whether the error is a server fault worth an error log with stack. */
  serverFault: boolean;
}

const PARTS: readonly RequestPart[] = ['body', 'querystring', 'params', 'headers'];

// Fastify's own client errors get a fixed detail: their messages are fine, but these say more.
const FRAMEWORK_DETAILS: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty but the content type is JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type; send application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body exceeds the size limit',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body',
  FST_ERR_BAD_URL: 'The URL is malformed',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is too long',
  FST_UNDER_PRESSURE: 'The service is overloaded; retry later',
};

interface ErrorShape {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  validation?: unknown;
  validationContext?: unknown;
}

/**
 * The one mapping from a thrown error to a problem response. Only errors the kit recognises
 * reveal anything; everything else is a bare 500 so internals never reach a client.
 */
export function toProblem(
  error: unknown,
  domainStatus: DomainErrorStatusMap,
  instance?: string,
): ProblemOutcome {
  if (error instanceof HttpProblem) {
    return {
      problem: error.toProblem(instance),
      headers: error.headers,
      // An authored 5xx (an upstream failed) still deserves the error log with its cause.
      serverFault: error.status >= 500,
    };
  }

  const shape: ErrorShape = typeof error === 'object' && error !== null ? error : {};

  if (Array.isArray(shape.validation)) {
    const part = PARTS.find((p) => p === shape.validationContext) ?? 'body';
    const errors = toFieldErrors(shape.validation as FastifySchemaValidationError[], part);
    return {
      problem: withInstance(
        {
          type: problemType('validation'),
          title: statusTitle(400),
          status: 400,
          detail: `The request ${part === 'querystring' ? 'query string' : part} is invalid: ${errors
            .map((e) => e.field)
            .join(', ')}`,
          errors,
        },
        instance,
      ),
      headers: {},
      serverFault: false,
    };
  }

  const domain = asDomainError(error, domainStatus);
  if (domain) {
    const status = domainStatus[domain.code] ?? 500;
    return {
      problem: withInstance(
        {
          type: problemType(domain.code),
          title: statusTitle(status),
          status,
          detail: domain.message,
          code: domain.code,
        },
        instance,
      ),
      headers: {},
      serverFault: status >= 500,
    };
  }

  const status = typeof shape.statusCode === 'number' ? shape.statusCode : 500;
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const known = code !== undefined ? FRAMEWORK_DETAILS[code] : undefined;
  // Plugins' 4xx errors (and under-pressure's 503) are deliberate answers, not faults.
  if ((status >= 400 && status < 500) || known !== undefined) {
    const message = typeof shape.message === 'string' ? shape.message : undefined;
    return {
      problem: withInstance(
        {
          type: BLANK_PROBLEM_TYPE,
          title: statusTitle(status),
          status,
          detail: known ?? message ?? statusTitle(status),
        },
        instance,
      ),
      headers: {},
      serverFault: false,
    };
  }

  return {
    problem: withInstance(
      {
        type: BLANK_PROBLEM_TYPE,
        title: statusTitle(500),
        status: 500,
        detail: 'The server failed to complete the request',
      },
      instance,
    ),
    headers: {},
    serverFault: true,
  };
}

function withInstance(problem: ProblemDetails, instance: string | undefined): ProblemDetails {
  return instance === undefined ? problem : { ...problem, instance };
}
