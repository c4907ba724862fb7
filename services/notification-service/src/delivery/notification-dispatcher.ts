/**
 * Sends one notification everywhere it should go. The in-app NOTIF item is written first, with
 * the planned channels, so no channel can hold it up; then every channel that is not yet
 * delivered runs in parallel with its own retries, and its outcome is recorded on the item.
 *
 * Delivery is at least once. A run that crashes after a send but before recording it sends that
 * channel again on the retry: SNS Publish and SES SendEmail take no idempotency key, so the
 * record written right after each send is the only dedupe there is.
 */
import {
  DELIVERY_TARGETS,
  type DeliveryRecord,
  type DeliveryStatus,
  type DeliveryTarget,
  type NotificationDeliveryRepository,
} from '@taskmgr/dynamo';
import type { ChannelEvent, DeliveryChannels, SentMessage } from '../channels/channel';
import type { WorkerLog } from '../log';
import { planDeliveries, type Recipient } from './delivery-plan';
import type { NotificationRequest } from './notification-content';
import { describeError, isPermanentChannelError, retryWithBackoff } from './retry';

export interface DispatcherOptions {
  notifications: NotificationDeliveryRepository;
  channels: DeliveryChannels;
  log: WorkerLog;
  /** Days until the in-app notification expires. */
  ttlDays: number;
  now?: () => Date;
  /** Tries per channel within one run. */
  attemptsPerRun?: number;
  /** Tries per channel across all runs before it is abandoned. */
  maxAttempts?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
}

export interface DispatchOutcome {
  notificationId: string;
  /** False when an earlier run or a replay had already created the in-app notification. */
  created: boolean;
  /** Every channel is done (delivered, skipped or abandoned): nothing left to retry. */
  settled: boolean;
  statuses: Partial<Record<DeliveryTarget, DeliveryStatus>>;
  /** `<channel>: <error>` for channels that failed this run and will be retried. */
  failures: string[];
}

const RETRYABLE_STATUSES: ReadonlySet<DeliveryStatus> = new Set(['pending', 'failed']);

export class NotificationDispatcher {
  private readonly now: () => Date;
  private readonly attemptsPerRun: number;
  private readonly maxAttempts: number;
  private readonly backoff: { baseDelayMs: number; maxDelayMs: number };

  constructor(private readonly options: DispatcherOptions) {
    this.now = options.now ?? (() => new Date());
    this.attemptsPerRun = options.attemptsPerRun ?? 3;
    this.maxAttempts = options.maxAttempts ?? 9;
    this.backoff = {
      baseDelayMs: options.retryBaseDelayMs ?? 200,
      maxDelayMs: options.retryMaxDelayMs ?? 2_000,
    };
  }

  async dispatch(request: NotificationRequest, recipient: Recipient): Promise<DispatchOutcome> {
    const stored = await this.options.notifications.createOrGet({
      userId: request.userId,
      notificationId: request.notificationId,
      kind: request.kind,
      taskId: request.taskId,
      title: request.title,
      message: request.message,
      ttlDays: this.options.ttlDays,
      deliveries: planDeliveries(recipient, {
        emailSenderConfigured: this.options.channels.email !== undefined,
        now: this.now(),
      }),
    });
    const outcomes = await Promise.all(
      DELIVERY_TARGETS.map(async (target) => {
        const record = stored.deliveries[target];
        if (!record || !RETRYABLE_STATUSES.has(record.Status)) return { target, record };
        return { target, record: await this.deliver(target, record, request, recipient) };
      }),
    );
    const statuses: DispatchOutcome['statuses'] = {};
    const failures: string[] = [];
    for (const { target, record } of outcomes) {
      if (!record) continue;
      statuses[target] = record.Status;
      if (record.Status === 'failed') failures.push(`${target}: ${record.LastError ?? 'failed'}`);
    }
    return {
      notificationId: request.notificationId,
      created: stored.created,
      settled: Object.values(statuses).every((status) => !RETRYABLE_STATUSES.has(status)),
      statuses,
      failures,
    };
  }

  /** One channel: send with retries, then record the outcome. Never throws for a send failure. */
  private async deliver(
    target: DeliveryTarget,
    previous: DeliveryRecord,
    request: NotificationRequest,
    recipient: Recipient,
  ): Promise<DeliveryRecord> {
    let attempts = previous.Attempts;
    let record: DeliveryRecord;
    try {
      const sent = await retryWithBackoff(() => this.send(target, request, recipient), {
        ...this.backoff,
        attempts: Math.max(1, Math.min(this.attemptsPerRun, this.maxAttempts - attempts)),
        isRetryable: (error) => !isPermanentChannelError(error),
        onAttempt: () => {
          attempts += 1;
        },
      });
      const at = this.now().toISOString();
      record = {
        Status: 'delivered',
        Attempts: attempts,
        DeliveredAt: at,
        ...(sent.messageId ? { MessageId: sent.messageId } : {}),
        UpdatedAt: at,
      };
    } catch (error) {
      const giveUp = isPermanentChannelError(error) || attempts >= this.maxAttempts;
      record = {
        Status: giveUp ? 'abandoned' : 'failed',
        Attempts: attempts,
        LastError: describeError(error),
        UpdatedAt: this.now().toISOString(),
      };
      this.options.log.warn(
        {
          notificationId: request.notificationId,
          channel: target,
          attempts,
          status: record.Status,
          error: record.LastError,
        },
        giveUp ? 'notification channel abandoned' : 'notification channel failed; will retry',
      );
    }
    const recorded = await this.options.notifications.recordDelivery(
      request.userId,
      request.notificationId,
      target,
      record,
    );
    if (!recorded) {
      this.options.log.info(
        { notificationId: request.notificationId, channel: target },
        'notification deleted before its delivery was recorded',
      );
    }
    return record;
  }

  private send(
    target: DeliveryTarget,
    request: NotificationRequest,
    recipient: Recipient,
  ): Promise<SentMessage> {
    const { channels } = this.options;
    switch (target) {
      case 'email': {
        if (!channels.email) throw new Error('No email sender is configured');
        return channels.email.sendEmail({
          to: recipient.email,
          subject: request.subject,
          text: request.message,
        });
      }
      case 'sms': {
        if (!recipient.phoneNumber) throw new Error('The user has no phone number');
        return channels.sms.sendSms({ phoneNumber: recipient.phoneNumber, text: request.message });
      }
      case 'emailTopic':
        return channels.topics.publish({
          subject: request.subject,
          event: this.channelEvent(request, 'email'),
        });
      case 'smsTopic':
        return channels.topics.publish({
          subject: request.subject,
          event: this.channelEvent(request, 'sms'),
        });
    }
  }

  private channelEvent(request: NotificationRequest, channel: 'email' | 'sms'): ChannelEvent {
    return {
      type: 'notification.delivered',
      version: 1,
      notificationId: request.notificationId,
      kind: request.kind,
      channel,
      userId: request.userId,
      taskId: request.taskId,
      title: request.title,
      message: request.message,
      occurredAt: this.now().toISOString(),
    };
  }
}
