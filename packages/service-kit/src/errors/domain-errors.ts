import type { FastifyRequest } from 'fastify';

/** Maps a domain error `code` (see @taskmgr/dynamo errors) to an HTTP status. */
export type DomainErrorStatusMap = Readonly<Record<string, number>>;

/**
 * A route's override of the map: fixed, or decided per request, e.g. VERSION_CONFLICT → 412
 * only when the client sent If-Match.
 */
export type RouteDomainErrorStatus =
  | DomainErrorStatusMap
  | ((request: FastifyRequest) => DomainErrorStatusMap);

export const DEFAULT_DOMAIN_ERROR_STATUS: DomainErrorStatusMap = Object.freeze({
  EMAIL_TAKEN: 409,
  VERSION_CONFLICT: 409,
  NOT_FOUND: 404,
  INVALID_CURSOR: 400,
  ALREADY_EXISTS: 409,
  TRANSACTION_CONFLICT: 409,
});

export interface DomainErrorLike {
  code: string;
  message: string;
}

/**
 * Duck-typed so the kit need not import the data layer's error classes: anything with a string
 * `code` present in the map counts. Unknown codes (ECONNRESET, FST_…) stay unmapped.
 */
export function asDomainError(
  error: unknown,
  map: DomainErrorStatusMap,
): DomainErrorLike | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !Object.hasOwn(map, code)) return undefined;
  return { code, message: typeof message === 'string' ? message : code };
}

export function resolveDomainErrorStatus(
  request: FastifyRequest,
  serviceMap: DomainErrorStatusMap,
  routeMap: RouteDomainErrorStatus | undefined,
): DomainErrorStatusMap {
  if (routeMap === undefined) return serviceMap;
  const overrides = typeof routeMap === 'function' ? routeMap(request) : routeMap;
  return { ...serviceMap, ...overrides };
}

/** Declares a per-request override with the request typed, for a route's `config`. */
export function routeDomainErrorStatus(
  resolve: (request: FastifyRequest) => DomainErrorStatusMap,
): RouteDomainErrorStatus {
  return resolve;
}

/**
 * The conditional-update rule: a version conflict is 412 Precondition Failed when the client
 * sent If-Match (its precondition failed), and 409 otherwise.
 */
const NO_OVERRIDES: DomainErrorStatusMap = Object.freeze({});
const VERSION_CONFLICT_AS_412: DomainErrorStatusMap = Object.freeze({ VERSION_CONFLICT: 412 });

export const preconditionFailedOnIfMatch: RouteDomainErrorStatus = routeDomainErrorStatus(
  (request) => (request.headers['if-match'] === undefined ? NO_OVERRIDES : VERSION_CONFLICT_AS_412),
);
