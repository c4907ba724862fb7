import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { taskCompletedEvent } from '@taskmgr/events';
import type { PageKey } from '../cursor';
import {
  AlreadyExistsError,
  IdempotencyKeyReusedError,
  NotFoundError,
  VersionConflictError,
} from '../errors';
import { ExpressionAttributes, updateExpression } from '../expression';
import { newId } from '../ids';
import {
  buildIdempotencyItem,
  buildTaskItem,
  type IdempotencyItem,
  type NewTask,
  type Task,
  type TaskItem,
  toTask,
} from '../items';
import { keyOf, taskKey, userIdFromPartition } from '../keys';
import {
  type Page,
  type QueryPageStats,
  queryAllPages,
  queryPageWithLookahead,
} from '../paged-query';
import { type BackoffOptions, jitteredDelay, sleep } from '../retry';
import { assertStartKeyFits } from '../start-key';
import { Attr, IndexName } from '../table-definition';
import {
  assertStartKeyInDueRange,
  isEmptyDueRange,
  type TaskListQuery,
  taskListPageKey,
  taskListQueryInput,
  taskListStartKeyShape,
} from '../task-list-query';
import { planTaskUpdate, type TaskPatch } from '../task-update-plan';
import { transactWrite } from '../transact-write';
import {
  isConditionalCheckFailed,
  itemAtConditionFailure,
  notFoundOrVersionConflict,
  withConditionMapping,
} from '../write-errors';
import { outboxPut } from './outbox-repository';
import type { RepositoryOptions } from './repository-options';
import { putIfAbsent, TableRepository } from './table-repository';

/** A lost optimistic-concurrency race inside a transaction, carrying the item as it was. */
class LostRace extends Error {
  constructor(readonly current: TaskItem | undefined) {
    super('Task changed since it was read');
  }
}

/** The idempotency record already held this key when the create ran. */
class KeyAlreadyUsed extends Error {
  constructor(readonly record: IdempotencyItem | undefined) {
    super('The Idempotency-Key is already recorded');
  }
}

export interface IdempotentCreateOptions {
  /** The client's Idempotency-Key, as sent. */
  idempotencyKey: string;
  /** Identifies the request; the same key with another hash is refused. */
  requestHash: string;
  /** How long the key is remembered. */
  ttlSeconds: number;
}

export interface IdempotentCreateResult {
  task: Task;
  /** True when the key was seen before and `task` is the first request's result. */
  replayed: boolean;
}

export interface TaskRepositoryOptions extends RepositoryOptions {
  /** Read-modify-write tries for an update without expectedVersion before VersionConflictError. */
  updateAttempts?: number;
  updateBackoff?: BackoffOptions;
}

export interface VersionedWriteOptions {
  /** From If-Match: fail with VersionConflictError instead of applying to a newer version. */
  expectedVersion?: number | undefined;
}

export interface TaskListOptions extends TaskListQuery {
  limit: number;
  /** A key decoded from a cursor made for the same user and query. */
  startKey?: PageKey | undefined;
}

export interface PendingReminder {
  userId: string;
  task: Task;
  /** The NotificationSentIndex partition the task was found in; a claim conditions on it. */
  reminderPartition: string;
}

export interface PendingReminderQuery {
  /** NotificationSentIndex partitions to read, e.g. today's and tomorrow's `<day>#false`. */
  dayPartitions: readonly string[];
  /** Inclusive upper bound on DueDate, ISO-8601 UTC. */
  dueBefore: string;
  /** Sees every Query round trip's cost (ScannedCount, capacity): proof the scan stays sparse. */
  onPage?: ((stats: QueryPageStats) => void) | undefined;
}

const DEFAULT_UPDATE_ATTEMPTS = 10;
const DEFAULT_UPDATE_BACKOFF: BackoffOptions = { baseDelayMs: 10, maxDelayMs: 250 };

export class TaskRepository extends TableRepository {
  private readonly updateAttempts: number;
  private readonly updateBackoff: BackoffOptions;

  constructor(options: TaskRepositoryOptions) {
    super(options);
    this.updateAttempts = options.updateAttempts ?? DEFAULT_UPDATE_ATTEMPTS;
    this.updateBackoff = options.updateBackoff ?? DEFAULT_UPDATE_BACKOFF;
  }

  /** Throws AlreadyExistsError when the task id is taken (a replayed create). */
  async create(input: NewTask): Promise<Task> {
    const item = buildTaskItem(input, this.now());
    await this.putNew(item, 'task');
    return toTask(item);
  }

  /**
   * Creates the task and its idempotency record in one transaction, so neither can exist without
   * the other. A live record for the key means the create already happened: the same request
   * gets the original task back, another request IdempotencyKeyReusedError. An expired record
   * counts as absent and is overwritten (TTL deletes it late, or never on DynamoDB Local).
   */
  async createOnce(
    input: NewTask,
    options: IdempotentCreateOptions,
  ): Promise<IdempotentCreateResult> {
    const now = this.now();
    const item = buildTaskItem(input, now);
    const task = toTask(item);
    const record = buildIdempotencyItem(
      {
        userId: input.userId,
        idempotencyKey: options.idempotencyKey,
        requestHash: options.requestHash,
        task,
        ttlSeconds: options.ttlSeconds,
      },
      now,
    );
    try {
      await transactWrite(this.doc, [
        {
          write: {
            Put: {
              TableName: this.tableName,
              Item: record,
              ConditionExpression: 'attribute_not_exists(#pk) OR #expiry <= :now',
              ExpressionAttributeNames: {
                '#pk': Attr.partition,
                '#expiry': Attr.notificationExpiry,
              },
              ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
            },
          },
          onConditionFailed: (old) => new KeyAlreadyUsed(old as IdempotencyItem | undefined),
        },
        {
          write: { Put: putIfAbsent(this.tableName, item) },
          onConditionFailed: () => new AlreadyExistsError('task'),
        },
      ]);
      return { task, replayed: false };
    } catch (error) {
      if (!(error instanceof KeyAlreadyUsed)) throw error;
      // The failed condition reported the live record it saw; it cannot be missing.
      if (!error.record) throw new Error('Idempotency record vanished during its condition check');
      if (error.record.RequestHash !== options.requestHash) throw new IdempotencyKeyReusedError();
      return { task: error.record.Response, replayed: true };
    }
  }

  async get(userId: string, taskId: string): Promise<Task | undefined> {
    const item = await this.getItem(userId, taskId);
    return item ? toTask(item) : undefined;
  }

  /**
   * Reads the task, computes the next state and writes it on `Version = <read version>`. With
   * expectedVersion a mismatch is a VersionConflictError; without, a lost race is retried on
   * fresh state, and only after `updateAttempts` tries does it surface as VersionConflictError.
   */
  async update(
    userId: string,
    taskId: string,
    patch: TaskPatch,
    options: VersionedWriteOptions = {},
  ): Promise<Task> {
    const { expectedVersion } = options;
    for (let attempt = 1; ; attempt++) {
      const current = await this.getItem(userId, taskId);
      if (!current) throw new NotFoundError('task');
      if (expectedVersion !== undefined && current.Version !== expectedVersion) {
        throw new VersionConflictError({
          entity: 'task',
          expected: expectedVersion,
          actual: current.Version,
        });
      }
      const outcome = await this.writeNextState(current, patch);
      if (outcome.kind === 'written') return toTask(outcome.item);
      if (!outcome.current) throw new NotFoundError('task');
      if (attempt >= this.updateAttempts) {
        throw new VersionConflictError({ entity: 'task', actual: outcome.current.Version });
      }
      // Back off before re-reading, so the next try works on state that is fresh when written.
      await sleep(jitteredDelay(attempt - 1, this.updateBackoff));
    }
  }

  /** Throws NotFoundError, or VersionConflictError when `expectedVersion` is stale. */
  async delete(userId: string, taskId: string, options: VersionedWriteOptions = {}): Promise<void> {
    const attrs = new ExpressionAttributes();
    const conditions = [`attribute_exists(${attrs.name(Attr.partition)})`];
    if (options.expectedVersion !== undefined) {
      conditions.push(`${attrs.name('Version')} = ${attrs.value(options.expectedVersion)}`);
    }
    await withConditionMapping(
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: taskKey(userId, taskId),
          ConditionExpression: conditions.join(' AND '),
          ...attrs.toInput(),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
      notFoundOrVersionConflict('task', options.expectedVersion),
    );
  }

  /**
   * One page of the user's tasks in the requested order and filters; `lastKey` is present
   * only when another matching task exists. Throws InvalidCursorError when the start key does
   * not belong to this user and query.
   */
  async list(userId: string, options: TaskListOptions): Promise<Page<Task>> {
    const { limit, startKey, ...query } = options;
    if (startKey) {
      assertStartKeyFits(startKey, taskListStartKeyShape(userId, query));
      assertStartKeyInDueRange(startKey, query);
    }
    if (isEmptyDueRange(query)) return { items: [] };
    const page = await queryPageWithLookahead<TaskItem>(
      this.doc,
      taskListQueryInput(this.tableName, userId, query),
      { limit, startKey, keyOf: (item) => taskListPageKey(item, query) },
    );
    return { ...page, items: page.items.map(toTask) };
  }

  /**
   * Pending reminders due at or before `dueBefore`, read from the sparse NotificationSentIndex
   * (so only pending tasks are read). The index is eventually consistent: a claim must re-check.
   */
  async queryPendingReminders(query: PendingReminderQuery): Promise<PendingReminder[]> {
    const reminders: PendingReminder[] = [];
    for (const partition of query.dayPartitions) {
      const pages = queryAllPages<TaskItem>(
        this.doc,
        {
          TableName: this.tableName,
          IndexName: IndexName.notificationSent,
          KeyConditionExpression: '#reminder = :partition AND #due <= :dueBefore',
          ExpressionAttributeNames: {
            '#reminder': Attr.dueDateNotificationSent,
            '#due': Attr.dueDate,
          },
          ExpressionAttributeValues: { ':partition': partition, ':dueBefore': query.dueBefore },
          ...(query.onPage ? { ReturnConsumedCapacity: 'TOTAL' as const } : {}),
        },
        query.onPage,
      );
      for await (const items of pages) {
        for (const item of items) {
          const userId = userIdFromPartition(item.EntityPartition);
          if (userId) reminders.push({ userId, task: toTask(item), reminderPartition: partition });
        }
      }
    }
    return reminders;
  }

  private async getItem(userId: string, taskId: string): Promise<TaskItem | undefined> {
    const output = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: taskKey(userId, taskId),
        ConsistentRead: true,
      }),
    );
    return output.Item as TaskItem | undefined;
  }

  private async writeNextState(
    current: TaskItem,
    patch: TaskPatch,
  ): Promise<
    { kind: 'written'; item: TaskItem } | { kind: 'lost'; current: TaskItem | undefined }
  > {
    const now = this.now();
    const { next, plan } = planTaskUpdate(current, patch, now);
    const attrs = new ExpressionAttributes();
    const update = {
      TableName: this.tableName,
      Key: keyOf(current),
      UpdateExpression: updateExpression(plan, attrs),
      ConditionExpression: `${attrs.name('Version')} = ${attrs.value(current.Version)}`,
      ...attrs.toInput(),
    };
    const completing = current.Status !== 'completed' && next.Status === 'completed';
    try {
      if (completing) {
        // The completion event is written atomically with the state change (outbox pattern),
        // so it exists exactly when the task is completed, even if this process dies next.
        await transactWrite(this.doc, [
          {
            write: { Update: update },
            onConditionFailed: (old) => new LostRace(old as TaskItem | undefined),
          },
          outboxPut(this.tableName, this.completionEvent(current, next, now), now),
        ]);
        return { kind: 'written', item: next };
      }
      const output = await this.doc.send(
        new UpdateCommand({
          ...update,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { kind: 'written', item: output.Attributes as TaskItem };
    } catch (error) {
      if (error instanceof LostRace) return { kind: 'lost', current: error.current };
      if (!isConditionalCheckFailed(error)) throw error;
      return { kind: 'lost', current: itemAtConditionFailure(error) as TaskItem | undefined };
    }
  }

  private completionEvent(current: TaskItem, next: TaskItem, now: Date) {
    const userId = userIdFromPartition(current.EntityPartition);
    if (!userId) throw new Error(`Task ${current.TaskId} is not in a user partition`);
    return taskCompletedEvent({
      eventId: newId(now),
      occurredAt: now.toISOString(),
      userId,
      taskId: current.TaskId,
      title: next.Title,
      completedAt: next.TaskCompletedAt ?? now.toISOString(),
    });
  }
}
