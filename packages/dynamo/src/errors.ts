/**
 * Domain errors the data layer throws. The HTTP layer maps them by `code`; the statuses in
 * the comments are documentation only.
 */

export const DomainErrorCode = {
  /** 409: another account owns the email address. */
  emailTaken: 'EMAIL_TAKEN',
  /** 409, or 412 when the client sent If-Match: the item changed since it was read. */
  versionConflict: 'VERSION_CONFLICT',
  /** 404: missing, expired, or owned by another user (indistinguishable on purpose). */
  notFound: 'NOT_FOUND',
  /** 409: an item with this id already exists (a replayed create). */
  alreadyExists: 'ALREADY_EXISTS',
  /** 409, retryable: concurrent transactions kept colliding after several retries. */
  transactionConflict: 'TRANSACTION_CONFLICT',
  /** 400: the pagination cursor cannot be used for this request. */
  invalidCursor: 'INVALID_CURSOR',
  /** 422: an Idempotency-Key already used with a different request. */
  idempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
} as const;

export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export type EntityName = 'profile' | 'task' | 'notification' | 'email' | 'event';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class EmailTakenError extends DomainError {
  readonly code = DomainErrorCode.emailTaken;

  // The address itself stays out of the message: messages end up in logs.
  constructor() {
    super('The email address is already registered');
  }
}

export interface VersionConflictDetails {
  entity: EntityName;
  /** The version the caller expected; undefined when it sent none and retries ran out. */
  expected?: number | undefined;
  /** The version found, when the failed write reported it. */
  actual?: number | undefined;
}

export class VersionConflictError extends DomainError {
  readonly code = DomainErrorCode.versionConflict;
  readonly entity: EntityName;
  readonly expected: number | undefined;
  readonly actual: number | undefined;

  constructor(details: VersionConflictDetails) {
    const expected = details.expected === undefined ? 'unspecified' : String(details.expected);
    const actual = details.actual === undefined ? 'unknown' : String(details.actual);
    super(`The ${details.entity} changed: expected version ${expected}, found ${actual}`);
    this.entity = details.entity;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

export class NotFoundError extends DomainError {
  readonly code = DomainErrorCode.notFound;
  readonly entity: EntityName;

  constructor(entity: EntityName) {
    super(`The ${entity} does not exist`);
    this.entity = entity;
  }
}

export class AlreadyExistsError extends DomainError {
  readonly code = DomainErrorCode.alreadyExists;
  readonly entity: EntityName;

  constructor(entity: EntityName) {
    super(`The ${entity} already exists`);
    this.entity = entity;
  }
}

export class TransactionConflictError extends DomainError {
  readonly code = DomainErrorCode.transactionConflict;
  readonly attempts: number;

  constructor(attempts: number, options?: ErrorOptions) {
    super(`The transaction collided with concurrent writes ${attempts} times`, options);
    this.attempts = attempts;
  }
}

export const INVALID_CURSOR_REASONS = [
  'malformed',
  'tampered',
  'expired',
  'foreign-user',
  'query-mismatch',
] as const;
export type InvalidCursorReason = (typeof INVALID_CURSOR_REASONS)[number];

export class InvalidCursorError extends DomainError {
  readonly code = DomainErrorCode.invalidCursor;
  readonly reason: InvalidCursorReason;

  constructor(reason: InvalidCursorReason) {
    super(`The pagination cursor is invalid (${reason})`);
    this.reason = reason;
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly code = DomainErrorCode.idempotencyKeyReused;

  constructor() {
    super('The Idempotency-Key was already used with a different request');
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
