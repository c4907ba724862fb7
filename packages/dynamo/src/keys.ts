/**
 * Key builders for every item shape in the table. Nothing else formats a key string.
 *   profile       USER_<sub>   / USER_<sub>
 *   email guard   EMAIL_<email>/ EMAIL_<email>
 *   task          USER_<sub>   / TASK_<ulid>
 *   notification  USER_<sub>   / NOTIF_<ulid>
 *   outbox event  OUTBOX_<n>   / EVENT_<ulid>   (n = shard of the user id)
 *   idempotency   USER_<sub>   / IDEMP_<sha256 of the Idempotency-Key>
 */
import { createHash } from 'node:crypto';

export interface ItemKey {
  EntityPartition: string;
  EntitySort: string;
}

export const Prefix = {
  user: 'USER_',
  email: 'EMAIL_',
  task: 'TASK_',
  notification: 'NOTIF_',
  outbox: 'OUTBOX_',
  event: 'EVENT_',
  idempotency: 'IDEMP_',
} as const;

export type EntityType = 'USER' | 'EMAIL' | 'TASK' | 'NOTIF' | 'OUTBOX' | 'IDEMP';

/** Emails are trimmed and lower-cased here and only here. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function userPartition(userId: string): string {
  return `${Prefix.user}${userId}`;
}

export function profileKey(userId: string): ItemKey {
  const pk = userPartition(userId);
  return { EntityPartition: pk, EntitySort: pk };
}

export function emailGuardKey(email: string): ItemKey {
  const pk = `${Prefix.email}${normalizeEmail(email)}`;
  return { EntityPartition: pk, EntitySort: pk };
}

export function taskKey(userId: string, taskId: string): ItemKey {
  return { EntityPartition: userPartition(userId), EntitySort: `${Prefix.task}${taskId}` };
}

export function notificationKey(userId: string, notificationId: string): ItemKey {
  return {
    EntityPartition: userPartition(userId),
    EntitySort: `${Prefix.notification}${notificationId}`,
  };
}

/** Only the key attributes of an item: a Key with any other attribute is rejected. */
export function keyOf(item: ItemKey): ItemKey {
  return { EntityPartition: item.EntityPartition, EntitySort: item.EntitySort };
}

/** Reads the user id back from a partition key, or undefined when it is not a user partition. */
export function userIdFromPartition(partition: string): string | undefined {
  return partition.startsWith(Prefix.user) ? partition.slice(Prefix.user.length) : undefined;
}

/** The entity an item is, from its sort key. */
export function entityTypeOf(key: ItemKey): EntityType | undefined {
  if (key.EntitySort.startsWith(Prefix.event)) return 'OUTBOX';
  if (key.EntitySort.startsWith(Prefix.task)) return 'TASK';
  if (key.EntitySort.startsWith(Prefix.notification)) return 'NOTIF';
  if (key.EntitySort.startsWith(Prefix.idempotency)) return 'IDEMP';
  if (key.EntitySort.startsWith(Prefix.email)) return 'EMAIL';
  if (key.EntitySort.startsWith(Prefix.user)) return 'USER';
  return undefined;
}

/**
 * The sparse NotificationSentIndex partition: `<yyyy-mm-dd>#false`, plus `#<shard>` when the
 * reminder load is spread over shards. Only pending reminders carry it.
 */
export function pendingReminderPartition(dueDateIso: string, shard?: number): string {
  const day = dueDateIso.slice(0, 10);
  return shard === undefined ? `${day}#false` : `${day}#false#${shard}`;
}

/** TaskDueIndex sort key: undated tasks sort after every date ('~' > '9'). */
export function taskDueSortKey(dueDateIso: string | null | undefined, taskId: string): string {
  return `${dueDateIso ?? '~'}#${taskId}`;
}

/**
 * Outbox events are spread over a few partitions so one busy partition never limits how fast
 * events are written or drained; consumers read every shard.
 */
export const OUTBOX_SHARDS = 4;

export function outboxShardOf(userId: string): number {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % OUTBOX_SHARDS;
}

export function outboxPartition(shard: number): string {
  return `${Prefix.outbox}${shard}`;
}

export function outboxEventKey(shard: number, eventId: string): ItemKey {
  return { EntityPartition: outboxPartition(shard), EntitySort: `${Prefix.event}${eventId}` };
}

/**
 * A create request's idempotency record, in the caller's partition so keys never collide across
 * users. The client's key is hashed: it is arbitrary text, and a key attribute must stay short.
 */
export function idempotencyRecordKey(userId: string, idempotencyKey: string): ItemKey {
  const digest = createHash('sha256').update(idempotencyKey, 'utf8').digest('hex');
  return { EntityPartition: userPartition(userId), EntitySort: `${Prefix.idempotency}${digest}` };
}
