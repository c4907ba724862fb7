/**
 * The due-reminder job's writes on a task: claim the pending reminder with a lease, mark it sent,
 * or give it back. None of them bumps Version or touches an attribute a user edit writes, so a
 * concurrent PATCH is never lost and never sees a spurious version conflict.
 *
 * The race with a user re-dating the task: the claim and the mark-sent both condition on the
 * DueDate the reminder was found with, so a reminder for the old date can never be marked sent
 * for the new one; the update that re-dates always re-writes the sparse key (task-update-plan),
 * so a mark-sent that lands between its read and its write cannot swallow the new reminder.
 */
import { UpdateCommand, type UpdateCommandOutput } from '@aws-sdk/lib-dynamodb';
import { type Task, type TaskItem, toTask } from '../items';
import { taskKey } from '../keys';
import { Attr } from '../table-definition';
import { unlessConditionFailed } from '../write-errors';
import { TableRepository } from './table-repository';

/** A reminder as the due-scan found it; every write checks the task still looks like this. */
export interface ReminderRef {
  userId: string;
  taskId: string;
  /** The DueDate the reminder is for. */
  dueDate: string;
  /** The NotificationSentIndex partition it was found in. */
  reminderPartition: string;
}

export interface ReminderLeaseOptions {
  /** Identifies the scanner run; only the lease holder may mark sent or release. */
  owner: string;
  leaseMs: number;
}

export interface ClaimedReminder {
  userId: string;
  /** The task as it is now (title and all), read back by the claim itself. */
  task: Task;
  dueDate: string;
  /** Epoch ms. */
  leaseUntil: number;
}

const LEASE_OWNER = 'ReminderLeaseOwner';
const LEASE_UNTIL = 'ReminderLeaseUntil';

export class ReminderRepository extends TableRepository {
  /**
   * Takes the lease when the reminder is still pending for the same due date, the task is not
   * completed, and nobody holds a live lease. Undefined means: skip it (sent, re-dated, completed,
   * deleted, or another scanner has it).
   */
  async claim(
    ref: ReminderRef,
    options: ReminderLeaseOptions,
  ): Promise<ClaimedReminder | undefined> {
    const now = this.now().getTime();
    const leaseUntil = now + options.leaseMs;
    const attributes = await this.conditionalUpdate({
      Key: taskKey(ref.userId, ref.taskId),
      UpdateExpression: 'SET #owner = :owner, #until = :until',
      ConditionExpression:
        '#reminder = :partition AND #due = :due AND #status <> :completed AND (attribute_not_exists(#until) OR #until < :now)',
      ExpressionAttributeNames: {
        '#reminder': Attr.dueDateNotificationSent,
        '#due': Attr.dueDate,
        '#status': 'Status',
        '#owner': LEASE_OWNER,
        '#until': LEASE_UNTIL,
      },
      ExpressionAttributeValues: {
        ':partition': ref.reminderPartition,
        ':due': ref.dueDate,
        ':completed': 'completed',
        ':owner': requireOwner(options.owner),
        ':until': leaseUntil,
        ':now': now,
      },
      ReturnValues: 'ALL_NEW',
    });
    if (!attributes) return undefined;
    return {
      userId: ref.userId,
      task: toTask(attributes as TaskItem),
      dueDate: ref.dueDate,
      leaseUntil,
    };
  }

  /**
   * Records the reminder as sent: drops the sparse key (the task leaves the due-scan) and the
   * lease. False when the lease was lost or the due date changed meanwhile; the new due date's
   * reminder then stays pending.
   */
  async markSent(ref: Omit<ReminderRef, 'reminderPartition'>, owner: string): Promise<boolean> {
    const attributes = await this.conditionalUpdate({
      Key: taskKey(ref.userId, ref.taskId),
      UpdateExpression: 'SET #sent = :true REMOVE #reminder, #owner, #until',
      ConditionExpression: '#owner = :owner AND #due = :due',
      ExpressionAttributeNames: {
        '#sent': 'NotificationSent',
        '#reminder': Attr.dueDateNotificationSent,
        '#due': Attr.dueDate,
        '#owner': LEASE_OWNER,
        '#until': LEASE_UNTIL,
      },
      ExpressionAttributeValues: {
        ':true': true,
        ':owner': requireOwner(owner),
        ':due': ref.dueDate,
      },
      ReturnValues: 'UPDATED_NEW',
    });
    return attributes !== undefined;
  }

  /**
   * Gives the reminder back, still pending. With `retryAt` nobody may claim it before then (a
   * failed channel waits out its backoff); without, it is free at once. False when the lease
   * was already lost.
   */
  async release(
    ref: Pick<ReminderRef, 'userId' | 'taskId'>,
    owner: string,
    retryAt?: Date,
  ): Promise<boolean> {
    const attributes = await this.conditionalUpdate({
      Key: taskKey(ref.userId, ref.taskId),
      UpdateExpression: retryAt ? 'SET #until = :retryAt REMOVE #owner' : 'REMOVE #owner, #until',
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': LEASE_OWNER, '#until': LEASE_UNTIL },
      ExpressionAttributeValues: {
        ':owner': requireOwner(owner),
        ...(retryAt ? { ':retryAt': retryAt.getTime() } : {}),
      },
      ReturnValues: 'UPDATED_NEW',
    });
    return attributes !== undefined;
  }

  /** The new attributes, or undefined when the condition failed. */
  private async conditionalUpdate(
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
  ): Promise<NonNullable<UpdateCommandOutput['Attributes']> | undefined> {
    const output = await unlessConditionFailed(
      this.doc.send(new UpdateCommand({ TableName: this.tableName, ...input })),
    );
    return output ? (output.Attributes ?? {}) : undefined;
  }
}

function requireOwner(owner: string): string {
  if (!owner) throw new Error('A reminder lease owner id is required');
  return owner;
}
