import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { NotificationKind } from '@taskmgr/dynamo';
import type { TopicArns } from '../config';
import type { SentMessage, TopicChannel, TopicMessage, TopicPublisher } from './channel';

/** The seed's four topics: TaskDue / TaskCompleted × Email / SMS. */
export function topicArnFor(
  topics: TopicArns,
  kind: NotificationKind,
  channel: TopicChannel,
): string {
  if (kind === 'task_due') return channel === 'email' ? topics.taskDueEmail : topics.taskDueSms;
  return channel === 'email' ? topics.taskCompletedEmail : topics.taskCompletedSms;
}

// SNS rejects a Subject that is not printable ASCII or reaches 100 characters.
const SUBJECT_LIMIT = 99;

export function topicSubject(subject: string): string {
  const ascii = subject.replace(/[^\x20-\x7E]/g, '?').trim();
  return (ascii || 'Task Manager notification').slice(0, SUBJECT_LIMIT);
}

/**
 * Publishes the channel event as JSON, with kind and channel as message attributes so
 * subscribers can filter without parsing the body.
 */
export class SnsTopicPublisher implements TopicPublisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly topics: TopicArns,
  ) {}

  async publish(message: TopicMessage): Promise<SentMessage> {
    const { event } = message;
    const output = await this.sns.send(
      new PublishCommand({
        TopicArn: topicArnFor(this.topics, event.kind, event.channel),
        Subject: topicSubject(message.subject),
        Message: JSON.stringify(event),
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: event.kind },
          channel: { DataType: 'String', StringValue: event.channel },
        },
      }),
    );
    return { messageId: output.MessageId };
  }
}
