/**
 * The transactional outbox. Producers add `outboxPut(event)` to the transaction that causes the
 * event, so the event exists exactly when the change does. Consumers (any number of replicas)
 * read a shard, claim an event with a conditional lease, handle it idempotently, then delete it.
 * A consumer that dies mid-way leaves a lease that expires, and another replica takes over.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '@taskmgr/events';
import { AlreadyExistsError } from '../errors';
import { buildOutboxItem, type OutboxItem } from '../items';
import { type ItemKey, keyOf, OUTBOX_SHARDS, outboxPartition, Prefix } from '../keys';
import { queryPage } from '../paged-query';
import { Attr } from '../table-definition';
import { conditionHeld, type GuardedWrite, unlessConditionFailed } from '../write-errors';
import { putIfAbsent, TableRepository } from './table-repository';

/** The Put to add to a producer's transaction; a replayed event id fails the transaction. */
export function outboxPut(tableName: string, event: DomainEvent, now: Date): GuardedWrite {
  return {
    write: { Put: putIfAbsent(tableName, buildOutboxItem(event, now)) },
    onConditionFailed: () => new AlreadyExistsError('event'),
  };
}

export interface ClaimOptions {
  /** Identifies this consumer replica; only the lease holder may complete or release. */
  owner: string;
  leaseMs: number;
}

export class OutboxRepository extends TableRepository {
  /** Every shard number, for consumers that drain them all. */
  static shards(): number[] {
    return Array.from({ length: OUTBOX_SHARDS }, (_, shard) => shard);
  }

  /**
   * Events in one shard that nobody holds a live lease on, oldest first. Dead-lettered events
   * are skipped. Strongly consistent, so an event is visible as soon as its transaction is.
   */
  async listAvailable(shard: number, limit: number): Promise<OutboxItem[]> {
    const page = await queryPage<OutboxItem>(
      this.doc,
      {
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :event)',
        FilterExpression:
          'attribute_not_exists(#dead) AND (attribute_not_exists(#lease) OR #lease < :now)',
        ExpressionAttributeNames: {
          '#pk': Attr.partition,
          '#sk': Attr.sort,
          '#lease': 'LeaseUntil',
          '#dead': 'DeadLetteredAt',
        },
        ExpressionAttributeValues: {
          ':pk': outboxPartition(shard),
          ':event': Prefix.event,
          ':now': this.now().getTime(),
        },
        ConsistentRead: true,
      },
      { limit },
    );
    return page.items;
  }

  /**
   * Takes the lease on an event if nobody holds a live one. Returns the claimed item (with the
   * attempt counted), or undefined when another replica got there first or it is already done.
   */
  async claim(key: ItemKey, options: ClaimOptions): Promise<OutboxItem | undefined> {
    const now = this.now().getTime();
    const output = await unlessConditionFailed(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: 'SET #owner = :owner, #lease = :until ADD #attempts :one',
          ConditionExpression:
            'attribute_exists(#pk) AND attribute_not_exists(#dead) AND (attribute_not_exists(#lease) OR #lease < :now)',
          ExpressionAttributeNames: {
            '#pk': Attr.partition,
            '#owner': 'LeaseOwner',
            '#lease': 'LeaseUntil',
            '#attempts': 'Attempts',
            '#dead': 'DeadLetteredAt',
          },
          ExpressionAttributeValues: {
            ':owner': options.owner,
            ':until': now + options.leaseMs,
            ':now': now,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return output?.Attributes as OutboxItem | undefined;
  }

  /**
   * Removes a handled event. Returns false when this owner no longer holds the lease (it
   * expired and another replica took over); the handler being idempotent, that is harmless.
   */
  async complete(key: ItemKey, owner: string): Promise<boolean> {
    return this.ifOwner(owner, () =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'LeaseOwner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      ),
    );
  }

  /** Gives the event back after a failure, to be retried no earlier than `retryAt`. */
  async release(key: ItemKey, owner: string, retryAt: Date, error: string): Promise<boolean> {
    return this.ifOwner(owner, () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: 'SET #lease = :retryAt, #error = :error REMOVE #owner',
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: {
            '#owner': 'LeaseOwner',
            '#lease': 'LeaseUntil',
            '#error': 'LastError',
          },
          ExpressionAttributeValues: {
            ':owner': owner,
            ':retryAt': retryAt.getTime(),
            ':error': error.slice(0, 1000),
          },
        }),
      ),
    );
  }

  /** Parks an event that keeps failing: kept for inspection, never claimed again. */
  async deadLetter(key: ItemKey, owner: string, error: string): Promise<boolean> {
    return this.ifOwner(owner, () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: 'SET #dead = :at, #error = :error REMOVE #owner, #lease',
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: {
            '#owner': 'LeaseOwner',
            '#lease': 'LeaseUntil',
            '#error': 'LastError',
            '#dead': 'DeadLetteredAt',
          },
          ExpressionAttributeValues: {
            ':owner': owner,
            ':at': this.now().toISOString(),
            ':error': error.slice(0, 1000),
          },
        }),
      ),
    );
  }

  private async ifOwner(owner: string, write: () => Promise<unknown>): Promise<boolean> {
    if (!owner) throw new Error('An outbox owner id is required');
    return conditionHeld(write());
  }
}
