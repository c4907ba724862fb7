/**
 * Turns DynamoDB's conditional-write failures into domain errors. Writes ask for
 * `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`, so a failure carries the item as it was:
 * absent means "missing", present means "it exists but does not match" (e.g. a stale version).
 */
import {
  type CancellationReason,
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type EntityName, NotFoundError, VersionConflictError } from './errors';

export type StoredItem = Record<string, unknown>;

/** Builds the error for a failed condition from the item as it was (undefined: it was missing). */
export type ConditionFailureMapper = (current: StoredItem | undefined) => Error;

export type TransactWriteEntry = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One transaction item with the error its own condition failure means. */
export interface GuardedWrite {
  write: TransactWriteEntry;
  onConditionFailed?: ConditionFailureMapper;
}

export function isConditionalCheckFailed(error: unknown): error is ConditionalCheckFailedException {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof Error && error.name === 'ConditionalCheckFailedException')
  );
}

export function isTransactionCanceled(error: unknown): error is TransactionCanceledException {
  return (
    error instanceof TransactionCanceledException ||
    (error instanceof Error && error.name === 'TransactionCanceledException')
  );
}

/** The item a failed conditional write saw, or undefined when there was none. */
export function itemAtConditionFailure(
  error: ConditionalCheckFailedException,
): StoredItem | undefined {
  return error.Item ? unmarshall(error.Item) : undefined;
}

/** Runs a single conditional write, translating a failed condition with `mapper`. */
export async function withConditionMapping<T>(
  write: Promise<T>,
  mapper: ConditionFailureMapper,
): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw mapper(itemAtConditionFailure(error));
    throw error;
  }
}

/** Runs a single conditional write; undefined when its condition failed, other errors thrown. */
export async function unlessConditionFailed<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return undefined;
    throw error;
  }
}

/** Runs a single conditional write: true when it happened, false when its condition failed. */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  return (await unlessConditionFailed(write.then(() => true))) ?? false;
}

/** The usual mapper for "update/delete this version": missing → NotFound, else VersionConflict. */
export function notFoundOrVersionConflict(
  entity: EntityName,
  expectedVersion?: number,
): ConditionFailureMapper {
  return (current) => {
    if (!current) return new NotFoundError(entity);
    const actual = typeof current.Version === 'number' ? current.Version : undefined;
    return new VersionConflictError({ entity, expected: expectedVersion, actual });
  };
}

/** Cancellation codes worth retrying: nothing is wrong with the request, only the timing. */
const RETRYABLE_CANCELLATION_CODES = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);

export type CancellationVerdict =
  /** An item's condition failed; `error` is what its mapper made of it. */
  | { kind: 'condition-failed'; index: number; error: Error }
  /** Only transient reasons (e.g. a concurrent transaction): run it again. */
  | { kind: 'retryable'; codes: string[] }
  /** Anything else (validation, size limits, a condition without a mapper): a bug or outage. */
  | { kind: 'unexpected'; codes: string[] };

/**
 * Reads `CancellationReasons`, which are index-aligned with the transaction items. A failed
 * condition wins over transient reasons: retrying cannot make it pass.
 */
export function classifyCancellation(
  error: TransactionCanceledException,
  writes: readonly GuardedWrite[],
): CancellationVerdict {
  const reasons: readonly CancellationReason[] = error.CancellationReasons ?? [];
  const codes = reasons.map((reason) => reason.Code ?? 'None');
  for (const [index, reason] of reasons.entries()) {
    if (reason.Code !== 'ConditionalCheckFailed') continue;
    const mapper = writes[index]?.onConditionFailed;
    if (!mapper) return { kind: 'unexpected', codes };
    return { kind: 'condition-failed', index, error: mapper(reasonItem(reason)) };
  }
  const failing = codes.filter((code) => code !== 'None');
  if (failing.length > 0 && failing.every((code) => RETRYABLE_CANCELLATION_CODES.has(code))) {
    return { kind: 'retryable', codes };
  }
  return { kind: 'unexpected', codes };
}

function reasonItem(reason: CancellationReason): StoredItem | undefined {
  return reason.Item ? unmarshall(reason.Item) : undefined;
}
