/**
 * Item shapes as stored (the seed's PascalCase attribute names) and the camelCase models the
 * services expose, with the one place that converts between them.
 */
import type { DomainEvent } from '@taskmgr/events';
import {
  emailGuardKey,
  type ItemKey,
  idempotencyRecordKey,
  normalizeEmail,
  notificationKey,
  outboxEventKey,
  outboxShardOf,
  pendingReminderPartition,
  profileKey,
  taskDueSortKey,
  taskKey,
} from './keys';

export const TASK_STATUSES = ['pending', 'in_progress', 'completed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const NOTIFICATION_KINDS = ['task_due', 'task_completed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationPreferences {
  email: boolean;
  sms: boolean;
}

export interface ProfileItem extends ItemKey {
  EntityType: 'USER';
  UserId: string;
  Email: string;
  FirstName: string;
  LastName: string;
  PhoneNumber?: string;
  NotificationPreferences: NotificationPreferences;
  CreatedAt: string;
  UpdatedAt: string;
  LastLogin?: string;
  Version: number;
}

/** Owns an email address; written in the same transaction as the profile. */
export interface EmailGuardItem extends ItemKey {
  EntityType: 'EMAIL';
  UserId: string;
  CreatedAt: string;
}

export interface TaskItem extends ItemKey {
  EntityType: 'TASK';
  TaskId: string;
  Title: string;
  Description?: string;
  Status: TaskStatus;
  DueDate?: string;
  NotificationSent: boolean;
  /** Present only while the due reminder is pending (sparse NotificationSentIndex). */
  DueDate_NotificationSent?: string;
  TaskDueSort: string;
  CreatedAt: string;
  TaskUpdatedAt: string;
  TaskCompletedAt?: string;
  /**
   * The reminder job's claim on this task's pending reminder (see ReminderRepository). Not a
   * user edit, so writing it never bumps Version.
   */
  ReminderLeaseOwner?: string;
  /** Epoch ms; an expired lease may be taken over by another scanner. */
  ReminderLeaseUntil?: number;
  Version: number;
}

export interface NotificationItem extends ItemKey {
  EntityType: 'NOTIF';
  NotificationId: string;
  Kind: NotificationKind;
  TaskId: string;
  Title: string;
  Message: string;
  NotificationTimestamp: string;
  Notif_isRead: boolean;
  /** Present only while unread (sparse UnreadNotificationIndex). */
  Notif_UnreadAt?: string;
  /** Epoch seconds; the table's TTL attribute. */
  NotificationExpiry: number;
  /** Per-channel outcome of sending this notification beyond the inbox; absent for in-app only. */
  Deliveries?: Partial<Record<DeliveryTarget, DeliveryRecord>>;
  Version: number;
}

/** Where a notification goes besides the inbox: the user's email and phone, and the SNS topics. */
export const DELIVERY_TARGETS = ['email', 'sms', 'emailTopic', 'smsTopic'] as const;
export type DeliveryTarget = (typeof DELIVERY_TARGETS)[number];

/**
 * pending: not tried yet; failed: tried and will be retried; delivered; skipped: nothing to do
 * (e.g. SMS opted in without a phone number); abandoned: failed for good.
 */
export const DELIVERY_STATUSES = [
  'pending',
  'failed',
  'delivered',
  'skipped',
  'abandoned',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryRecord {
  Status: DeliveryStatus;
  /** Sends tried so far, across runs. */
  Attempts: number;
  LastError?: string;
  SkipReason?: string;
  DeliveredAt?: string;
  /** The provider's id for the sent message (SNS MessageId, SES MessageId). */
  MessageId?: string;
  UpdatedAt: string;
}

export interface Profile {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  phoneNumber: string | null;
  notificationPreferences: NotificationPreferences;
  createdAt: string;
  updatedAt: string;
  lastLogin: string | null;
  version: number;
}

export interface Task {
  taskId: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  version: number;
}

export interface Notification {
  notificationId: string;
  kind: NotificationKind;
  taskId: string;
  title: string;
  message: string;
  createdAt: string;
  read: boolean;
  expiresAt: string;
}

export function toProfile(item: ProfileItem): Profile {
  return {
    userId: item.UserId,
    email: item.Email,
    firstName: item.FirstName,
    lastName: item.LastName,
    phoneNumber: item.PhoneNumber ?? null,
    notificationPreferences: {
      email: item.NotificationPreferences?.email ?? false,
      sms: item.NotificationPreferences?.sms ?? false,
    },
    createdAt: item.CreatedAt,
    updatedAt: item.UpdatedAt,
    lastLogin: item.LastLogin ?? null,
    version: item.Version,
  };
}

export function toTask(item: TaskItem): Task {
  return {
    taskId: item.TaskId,
    title: item.Title,
    description: item.Description ?? null,
    status: item.Status,
    dueDate: item.DueDate ?? null,
    createdAt: item.CreatedAt,
    updatedAt: item.TaskUpdatedAt,
    completedAt: item.TaskCompletedAt ?? null,
    version: item.Version,
  };
}

export function toNotification(item: NotificationItem): Notification {
  return {
    notificationId: item.NotificationId,
    kind: item.Kind,
    taskId: item.TaskId,
    title: item.Title,
    message: item.Message,
    createdAt: item.NotificationTimestamp,
    read: item.Notif_isRead,
    expiresAt: new Date(item.NotificationExpiry * 1000).toISOString(),
  };
}

export interface NewProfile {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  phoneNumber?: string | undefined;
  notificationPreferences?: NotificationPreferences | undefined;
}

export function buildProfileItem(input: NewProfile, now: Date): ProfileItem {
  const at = now.toISOString();
  return {
    ...profileKey(input.userId),
    EntityType: 'USER',
    UserId: input.userId,
    Email: normalizeEmail(input.email),
    FirstName: input.firstName,
    LastName: input.lastName,
    ...(input.phoneNumber ? { PhoneNumber: input.phoneNumber } : {}),
    NotificationPreferences: input.notificationPreferences ?? { email: false, sms: false },
    CreatedAt: at,
    UpdatedAt: at,
    Version: 1,
  };
}

export function buildEmailGuardItem(email: string, userId: string, now: Date): EmailGuardItem {
  return {
    ...emailGuardKey(email),
    EntityType: 'EMAIL',
    UserId: userId,
    CreatedAt: now.toISOString(),
  };
}

/**
 * A reminder is pending while the task is not completed, has a due date still in the future,
 * and has not been sent for that due date.
 */
export function reminderPartitionFor(
  task: { Status: TaskStatus; DueDate?: string | undefined; NotificationSent: boolean },
  now: Date,
): string | undefined {
  if (task.Status === 'completed' || !task.DueDate || task.NotificationSent) return undefined;
  if (Date.parse(task.DueDate) <= now.getTime()) return undefined;
  return pendingReminderPartition(task.DueDate);
}

export interface NewTask {
  userId: string;
  taskId: string;
  title: string;
  description?: string | undefined;
  status?: TaskStatus | undefined;
  /** ISO-8601, already normalised to UTC. */
  dueDate?: string | null | undefined;
}

export function buildTaskItem(input: NewTask, now: Date): TaskItem {
  const at = now.toISOString();
  const status = input.status ?? 'pending';
  const dueDate = input.dueDate ?? undefined;
  const item: TaskItem = {
    ...taskKey(input.userId, input.taskId),
    EntityType: 'TASK',
    TaskId: input.taskId,
    Title: input.title,
    ...(input.description ? { Description: input.description } : {}),
    Status: status,
    ...(dueDate ? { DueDate: dueDate } : {}),
    NotificationSent: false,
    TaskDueSort: taskDueSortKey(dueDate, input.taskId),
    CreatedAt: at,
    TaskUpdatedAt: at,
    ...(status === 'completed' ? { TaskCompletedAt: at } : {}),
    Version: 1,
  };
  const reminder = reminderPartitionFor(item, now);
  if (reminder) item.DueDate_NotificationSent = reminder;
  return item;
}

export interface NewNotification {
  userId: string;
  notificationId: string;
  kind: NotificationKind;
  taskId: string;
  title: string;
  message: string;
  /** How long the in-app notification lives before TTL removes it. */
  ttlDays: number;
}

export function buildNotificationItem(input: NewNotification, now: Date): NotificationItem {
  const at = now.toISOString();
  return {
    ...notificationKey(input.userId, input.notificationId),
    EntityType: 'NOTIF',
    NotificationId: input.notificationId,
    Kind: input.kind,
    TaskId: input.taskId,
    Title: input.title,
    Message: input.message,
    NotificationTimestamp: at,
    Notif_isRead: false,
    Notif_UnreadAt: at,
    NotificationExpiry: Math.floor(now.getTime() / 1000) + input.ttlDays * 86_400,
    Version: 1,
  };
}

/** DynamoDB may keep expired items for days (and DynamoDB Local forever): every read filters. */
export function isExpired(item: { NotificationExpiry?: number }, now: Date): boolean {
  return item.NotificationExpiry !== undefined && item.NotificationExpiry <= now.getTime() / 1000;
}

/** A domain event waiting to be consumed, written in the same transaction as its cause. */
export interface OutboxItem extends ItemKey {
  EntityType: 'OUTBOX';
  EventId: string;
  EventType: DomainEvent['type'];
  EventVersion: number;
  Payload: DomainEvent;
  CreatedAt: string;
  /** Delivery tries so far; a consumer gives up (dead-letters) past its limit. */
  Attempts: number;
  /** Whoever holds the claim, until LeaseUntil (epoch ms); an expired lease may be taken over. */
  LeaseOwner?: string;
  LeaseUntil?: number;
  LastError?: string;
  /** Set when a consumer gave up; such events are kept for inspection and never retried. */
  DeadLetteredAt?: string;
}

export function buildOutboxItem(event: DomainEvent, now: Date): OutboxItem {
  return {
    ...outboxEventKey(outboxShardOf(event.userId), event.eventId),
    EntityType: 'OUTBOX',
    EventId: event.eventId,
    EventType: event.type,
    EventVersion: event.version,
    Payload: event,
    CreatedAt: now.toISOString(),
    Attempts: 0,
  };
}

/**
 * Remembers a create made with an Idempotency-Key, written in the same transaction as the task.
 * Expires through the table's TTL attribute; reads treat an expired record as absent.
 */
export interface IdempotencyItem extends ItemKey {
  EntityType: 'IDEMP';
  /** SHA-256 of the normalised request; a reuse of the key with another request is refused. */
  RequestHash: string;
  TaskId: string;
  /** The task as the first request created it: a replay answers with exactly this. */
  Response: Task;
  CreatedAt: string;
  /** Epoch seconds; the table's TTL attribute. */
  NotificationExpiry: number;
}

export interface NewIdempotencyRecord {
  userId: string;
  idempotencyKey: string;
  requestHash: string;
  task: Task;
  ttlSeconds: number;
}

export function buildIdempotencyItem(input: NewIdempotencyRecord, now: Date): IdempotencyItem {
  return {
    ...idempotencyRecordKey(input.userId, input.idempotencyKey),
    EntityType: 'IDEMP',
    RequestHash: input.requestHash,
    TaskId: input.task.taskId,
    Response: input.task,
    CreatedAt: now.toISOString(),
    NotificationExpiry: Math.floor(now.getTime() / 1000) + input.ttlSeconds,
  };
}
