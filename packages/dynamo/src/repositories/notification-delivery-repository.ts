/**
 * The notification service's writes of a NOTIF item: created once per cause (its id is derived
 * from what caused it, so a replay finds the existing item instead of adding a second), then one
 * delivery record per channel, so a retry after a crash re-sends only what was not delivered.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  buildNotificationItem,
  type DeliveryRecord,
  type DeliveryTarget,
  type NewNotification,
  type Notification,
  type NotificationItem,
  toNotification,
} from '../items';
import { notificationKey } from '../keys';
import { Attr } from '../table-definition';
import { conditionHeld, isConditionalCheckFailed, itemAtConditionFailure } from '../write-errors';
import { TableRepository } from './table-repository';

export type DeliveryRecords = Partial<Record<DeliveryTarget, DeliveryRecord>>;

export interface NewNotificationWithDeliveries extends NewNotification {
  /** The channels planned at creation, usually all `pending` or `skipped`. */
  deliveries: DeliveryRecords;
}

export interface StoredNotification {
  /** False when an earlier attempt (or a replayed event) already created it. */
  created: boolean;
  notification: Notification;
  deliveries: DeliveryRecords;
}

export class NotificationDeliveryRepository extends TableRepository {
  /**
   * Creates the notification with its planned deliveries, or returns the one that exists under
   * that id, with the deliveries as recorded so far. One round trip either way: the failed
   * condition hands back the existing item.
   */
  async createOrGet(input: NewNotificationWithDeliveries): Promise<StoredNotification> {
    const { deliveries, ...notification } = input;
    const item: NotificationItem = {
      ...buildNotificationItem(notification, this.now()),
      Deliveries: deliveries,
    };
    try {
      await this.sendPutIfAbsent(item);
      return { created: true, notification: toNotification(item), deliveries };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const existing = itemAtConditionFailure(error) as NotificationItem | undefined;
      if (!existing) throw error;
      return {
        created: false,
        notification: toNotification(existing),
        deliveries: existing.Deliveries ?? {},
      };
    }
  }

  /**
   * Records one channel's outcome. Not a user edit, so Version is left alone. False when the
   * notification is gone (the user deleted it meanwhile).
   */
  async recordDelivery(
    userId: string,
    notificationId: string,
    target: DeliveryTarget,
    record: DeliveryRecord,
  ): Promise<boolean> {
    return conditionHeld(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: notificationKey(userId, notificationId),
          UpdateExpression: 'SET #deliveries.#target = :record',
          ConditionExpression: 'attribute_exists(#pk) AND attribute_exists(#deliveries)',
          ExpressionAttributeNames: {
            '#pk': Attr.partition,
            '#deliveries': 'Deliveries',
            '#target': target,
          },
          ExpressionAttributeValues: { ':record': record },
        }),
      ),
    );
  }
}
