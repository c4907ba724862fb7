/**
 * A small TransactWriteItems runner: every item brings its own condition-failure mapper, and
 * collisions with concurrent transactions are retried with jittered backoff before surfacing.
 */
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionConflictError } from './errors';
import { type BackoffOptions, jitteredDelay, sleep } from './retry';
import { classifyCancellation, type GuardedWrite, isTransactionCanceled } from './write-errors';

export interface TransactWriteOptions extends Partial<BackoffOptions> {
  /** Total tries, the first included. */
  maxAttempts?: number;
}

const DEFAULTS = { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 500 } as const;

export async function transactWrite(
  doc: DynamoDBDocumentClient,
  writes: readonly GuardedWrite[],
  options: TransactWriteOptions = {},
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const backoff: BackoffOptions = {
    baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
  };
  const TransactItems = writes.map(requestOldItemOnFailure);
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems }));
      return;
    } catch (error) {
      if (!isTransactionCanceled(error)) throw error;
      const verdict = classifyCancellation(error, writes);
      if (verdict.kind === 'condition-failed') throw verdict.error;
      if (verdict.kind === 'unexpected') throw error;
      if (attempt + 1 >= maxAttempts) {
        throw new TransactionConflictError(attempt + 1, { cause: error });
      }
      await sleep(jitteredDelay(attempt, backoff));
    }
  }
}

/** Asks for the old item on every conditional entry, so mappers can tell missing from stale. */
function requestOldItemOnFailure({ write }: GuardedWrite): GuardedWrite['write'] {
  if (write.Put?.ConditionExpression) {
    return { Put: { ...write.Put, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
  }
  if (write.Update?.ConditionExpression) {
    return { Update: { ...write.Update, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
  }
  if (write.Delete?.ConditionExpression) {
    return { Delete: { ...write.Delete, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
  }
  if (write.ConditionCheck) {
    return {
      ConditionCheck: { ...write.ConditionCheck, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
    };
  }
  return write;
}
