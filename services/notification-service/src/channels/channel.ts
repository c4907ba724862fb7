/**
 * What a delivery channel does, independent of the provider. The AWS adapters and the dev
 * channel implement these; the dispatcher only sees the interfaces.
 */
import type { NotificationKind } from '@taskmgr/dynamo';

export interface SentMessage {
  /** The provider's message id, kept on the delivery record for tracing. */
  messageId: string | undefined;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface SmsMessage {
  /** E.164, e.g. +14155550100. */
  phoneNumber: string;
  text: string;
}

export type TopicChannel = 'email' | 'sms';

/** The event the seed's topics receive for every email or SMS delivery. */
export interface ChannelEvent {
  type: 'notification.delivered';
  version: 1;
  notificationId: string;
  kind: NotificationKind;
  channel: TopicChannel;
  userId: string;
  taskId: string;
  title: string;
  message: string;
  occurredAt: string;
}

export interface TopicMessage {
  subject: string;
  event: ChannelEvent;
}

export interface EmailChannel {
  sendEmail(message: EmailMessage): Promise<SentMessage>;
}

export interface SmsChannel {
  sendSms(message: SmsMessage): Promise<SentMessage>;
}

export interface TopicPublisher {
  publish(message: TopicMessage): Promise<SentMessage>;
}

export interface DeliveryChannels {
  /** Undefined when no sender is configured: email then goes out through the topic only. */
  email: EmailChannel | undefined;
  sms: SmsChannel;
  topics: TopicPublisher;
}
