import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  classifyCancellation,
  conditionHeld,
  EmailTakenError,
  type GuardedWrite,
  itemAtConditionFailure,
  NotFoundError,
  notFoundOrVersionConflict,
  unlessConditionFailed,
  VersionConflictError,
  withConditionMapping,
} from '@taskmgr/dynamo';

function canceled(
  reasons: Array<{ Code: string; Item?: Record<string, unknown> }>,
): TransactionCanceledException {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons.map(({ Code, Item }) => ({
      Code,
      ...(Item ? { Item: marshall(Item) } : {}),
    })),
  });
}

const put = { Put: { TableName: 't', Item: { EntityPartition: 'p', EntitySort: 's' } } };
const writes: GuardedWrite[] = [
  { write: put, onConditionFailed: notFoundOrVersionConflict('task', 3) },
  { write: put, onConditionFailed: () => new EmailTakenError() },
  { write: put },
];

describe('classifyCancellation', () => {
  test('maps a failed condition with the mapper of the item at the same index', () => {
    const verdict = classifyCancellation(
      canceled([{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }]),
      writes,
    );
    expect(verdict.kind).toBe('condition-failed');
    expect(verdict.kind === 'condition-failed' && verdict.index).toBe(1);
    expect(verdict.kind === 'condition-failed' && verdict.error).toBeInstanceOf(EmailTakenError);
  });

  test('hands the old item to the mapper, so a stale version reads as a conflict', () => {
    const verdict = classifyCancellation(
      canceled([{ Code: 'ConditionalCheckFailed', Item: { Version: 5 } }, { Code: 'None' }]),
      writes,
    );
    if (verdict.kind !== 'condition-failed') throw new Error(`got ${verdict.kind}`);
    expect(verdict.error).toBeInstanceOf(VersionConflictError);
    expect(verdict.error).toMatchObject({ entity: 'task', expected: 3, actual: 5 });
  });

  test('without an old item the same mapper reports NotFound', () => {
    const verdict = classifyCancellation(canceled([{ Code: 'ConditionalCheckFailed' }]), writes);
    if (verdict.kind !== 'condition-failed') throw new Error(`got ${verdict.kind}`);
    expect(verdict.error).toBeInstanceOf(NotFoundError);
  });

  test('a failed condition wins over a transaction conflict on another item', () => {
    const verdict = classifyCancellation(
      canceled([{ Code: 'TransactionConflict' }, { Code: 'ConditionalCheckFailed' }]),
      writes,
    );
    expect(verdict.kind).toBe('condition-failed');
  });

  test('only transient reasons are retryable', () => {
    expect(
      classifyCancellation(canceled([{ Code: 'None' }, { Code: 'TransactionConflict' }]), writes)
        .kind,
    ).toBe('retryable');
    expect(
      classifyCancellation(
        canceled([{ Code: 'TransactionConflict' }, { Code: 'ValidationError' }]),
        writes,
      ).kind,
    ).toBe('unexpected');
  });

  test('a failed condition on an item without a mapper, or no reasons at all, is unexpected', () => {
    expect(
      classifyCancellation(
        canceled([{ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }]),
        writes,
      ).kind,
    ).toBe('unexpected');
    expect(classifyCancellation(canceled([]), writes).kind).toBe('unexpected');
  });
});

describe('single conditional writes', () => {
  const failure = (Item?: Record<string, unknown>) =>
    new ConditionalCheckFailedException({
      message: 'The conditional request failed',
      $metadata: {},
      ...(Item ? { Item: marshall(Item) } : {}),
    });

  test('the old item is unmarshalled', () => {
    expect(itemAtConditionFailure(failure({ Version: 2, Title: 'x' }))).toEqual({
      Version: 2,
      Title: 'x',
    });
    expect(itemAtConditionFailure(failure())).toBeUndefined();
  });

  test('withConditionMapping translates only condition failures', async () => {
    const mapper = notFoundOrVersionConflict('profile', 1);
    await expect(withConditionMapping(Promise.reject(failure()), mapper)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      withConditionMapping(Promise.reject(failure({ Version: 4 })), mapper),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT', expected: 1, actual: 4 });
    const other = new Error('network');
    await expect(withConditionMapping(Promise.reject(other), mapper)).rejects.toBe(other);
    await expect(withConditionMapping(Promise.resolve('ok'), mapper)).resolves.toBe('ok');
  });

  test('a failed condition is undefined or false; other errors still throw', async () => {
    await expect(unlessConditionFailed(Promise.resolve('ok'))).resolves.toBe('ok');
    await expect(unlessConditionFailed(Promise.reject(failure()))).resolves.toBeUndefined();
    await expect(conditionHeld(Promise.resolve(undefined))).resolves.toBe(true);
    await expect(conditionHeld(Promise.reject(failure()))).resolves.toBe(false);
    const other = new Error('network');
    await expect(unlessConditionFailed(Promise.reject(other))).rejects.toBe(other);
    await expect(conditionHeld(Promise.reject(other))).rejects.toBe(other);
  });
});
