/**
 * DELIVERY_MODE=local: nothing leaves the machine. Every email, SMS and topic publication is
 * logged and kept in a bounded in-memory outbox that GET /dev/outbox shows, so a developer can
 * see what would have been sent. Production refuses this mode (see config.ts).
 */
import { randomUUID } from 'node:crypto';
import type { WorkerLog } from '../log';
import type {
  EmailChannel,
  EmailMessage,
  SentMessage,
  SmsChannel,
  SmsMessage,
  TopicMessage,
  TopicPublisher,
} from './channel';

interface DevEmail {
  channel: 'email';
  to: string;
  subject: string;
  text: string;
}

interface DevSms {
  channel: 'sms';
  to: string;
  text: string;
}

interface DevTopicPublication {
  channel: 'topic';
  topic: string;
  subject: string;
  event: TopicMessage['event'];
}

type NewEntry = DevEmail | DevSms | DevTopicPublication;

export type DevOutboxEntry = NewEntry & { id: string; at: string };

const DEFAULT_CAPACITY = 500;

/** The newest `capacity` messages, oldest dropped first. */
export class DevOutbox {
  private readonly entries: DevOutboxEntry[] = [];

  constructor(
    private readonly capacity = DEFAULT_CAPACITY,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(entry: NewEntry): DevOutboxEntry {
    const stored: DevOutboxEntry = { ...entry, id: randomUUID(), at: this.now().toISOString() };
    this.entries.push(stored);
    if (this.entries.length > this.capacity)
      this.entries.splice(0, this.entries.length - this.capacity);
    return stored;
  }

  /** Newest first. */
  list(): DevOutboxEntry[] {
    return [...this.entries].reverse();
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/** Stands in for SES, SNS SMS and the topics at once. */
export class DevChannel implements EmailChannel, SmsChannel, TopicPublisher {
  constructor(
    private readonly outbox: DevOutbox,
    private readonly log: WorkerLog,
  ) {}

  async sendEmail(message: EmailMessage): Promise<SentMessage> {
    const entry = this.outbox.add({ channel: 'email', ...message });
    this.log.info({ devOutbox: entry }, `dev outbox: email to ${message.to}: ${message.subject}`);
    return { messageId: entry.id };
  }

  async sendSms(message: SmsMessage): Promise<SentMessage> {
    const entry = this.outbox.add({ channel: 'sms', to: message.phoneNumber, text: message.text });
    this.log.info({ devOutbox: entry }, `dev outbox: SMS to ${message.phoneNumber}`);
    return { messageId: entry.id };
  }

  async publish(message: TopicMessage): Promise<SentMessage> {
    const topic = `${message.event.kind === 'task_due' ? 'TaskDue' : 'TaskCompleted'}Notifications${
      message.event.channel === 'email' ? 'Email' : 'SMS'
    }Topic`;
    const entry = this.outbox.add({
      channel: 'topic',
      topic,
      subject: message.subject,
      event: message.event,
    });
    this.log.info({ devOutbox: entry }, `dev outbox: published to ${topic}`);
    return { messageId: entry.id };
  }
}
