/**
 * Notification reads. Every one filters on NotificationExpiry: TTL deletes items up to two
 * days late (DynamoDB Local never does), so an expired notification must look deleted.
 */
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ExpressionAttributes } from './expression';
import { Prefix, userPartition } from './keys';
import type { StartKeyShape } from './start-key';
import { Attr, IndexName } from './table-definition';

export interface NotificationListQuery {
  unreadOnly?: boolean | undefined;
}

/** Epoch seconds, the unit of the TTL attribute. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function indexSortAttribute(query: NotificationListQuery): string {
  return query.unreadOnly ? Attr.notificationUnreadAt : Attr.notificationTimestamp;
}

/** Newest first; UnreadNotificationIndex is sparse, so unread-only reads no read items. */
export function notificationListQueryInput(
  tableName: string,
  userId: string,
  query: NotificationListQuery,
  now: Date,
): QueryCommandInput {
  const attrs = new ExpressionAttributes();
  return {
    TableName: tableName,
    IndexName: query.unreadOnly ? IndexName.unreadNotification : IndexName.notificationTimestamp,
    KeyConditionExpression: `${attrs.name(Attr.partition)} = ${attrs.value(userPartition(userId))}`,
    FilterExpression: notExpiredFilter(attrs, now),
    ScanIndexForward: false,
    ...attrs.toInput(),
  };
}

/** Unread means present in the sparse index and not expired. */
export function unreadNotificationQueryInput(
  tableName: string,
  userId: string,
  now: Date,
): QueryCommandInput {
  return notificationListQueryInput(tableName, userId, { unreadOnly: true }, now);
}

export function notExpiredFilter(attrs: ExpressionAttributes, now: Date): string {
  return `${attrs.name(Attr.notificationExpiry)} > ${attrs.value(epochSeconds(now))}`;
}

export function notificationListStartKeyShape(
  userId: string,
  query: NotificationListQuery,
): StartKeyShape {
  return {
    partition: userPartition(userId),
    sortPrefix: Prefix.notification,
    indexSortAttribute: indexSortAttribute(query),
  };
}
