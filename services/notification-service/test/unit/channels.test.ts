import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import pino from 'pino';
import type { ChannelEvent } from '../../src/channels/channel';
import { DevChannel, DevOutbox } from '../../src/channels/dev-channel';
import { SesEmailChannel } from '../../src/channels/email-channel';
import { SnsSmsChannel } from '../../src/channels/sms-channel';
import { SnsTopicPublisher, topicSubject } from '../../src/channels/topic-publisher';

const sns = mockClient(SNSClient);
const ses = mockClient(SESv2Client);
beforeEach(() => {
  sns.reset();
  ses.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
});

const topics = {
  taskDueEmail: 'arn:aws:sns:us-east-1:123456789012:due-email',
  taskDueSms: 'arn:aws:sns:us-east-1:123456789012:due-sms',
  taskCompletedEmail: 'arn:aws:sns:us-east-1:123456789012:done-email',
  taskCompletedSms: 'arn:aws:sns:us-east-1:123456789012:done-sms',
};

const event = (kind: ChannelEvent['kind'], channel: ChannelEvent['channel']): ChannelEvent => ({
  type: 'notification.delivered',
  version: 1,
  notificationId: 'done-E1',
  kind,
  channel,
  userId: 'u1',
  taskId: 'T1',
  title: 'Ship',
  message: '"Ship" was completed.',
  occurredAt: '2030-07-01T12:00:00.000Z',
});

test('SMS: one Publish to the phone number, Transactional', async () => {
  const sent = await new SnsSmsChannel(new SNSClient({ region: 'us-east-1' })).sendSms({
    phoneNumber: '+14155550100',
    text: 'Due soon',
  });
  expect(sent).toEqual({ messageId: 'sns-1' });
  const calls = sns.commandCalls(PublishCommand);
  expect(calls).toHaveLength(1);
  expect(calls[0]?.args[0].input).toEqual({
    PhoneNumber: '+14155550100',
    Message: 'Due soon',
    MessageAttributes: {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    },
  });
});

test('email: one SES v2 SendEmail from the configured sender', async () => {
  const channel = new SesEmailChannel(
    new SESv2Client({ region: 'us-east-1' }),
    'from@example.test',
  );
  const sent = await channel.sendEmail({ to: 'ada@example.test', subject: 'Hi', text: 'Body' });
  expect(sent).toEqual({ messageId: 'ses-1' });
  expect(ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input)).toEqual([
    {
      FromEmailAddress: 'from@example.test',
      Destination: { ToAddresses: ['ada@example.test'] },
      Content: {
        Simple: {
          Subject: { Data: 'Hi', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Body', Charset: 'UTF-8' } },
        },
      },
    },
  ]);
});

test('topics: the ARN for each kind and channel, the event as JSON with filterable attributes', async () => {
  const publisher = new SnsTopicPublisher(new SNSClient({ region: 'us-east-1' }), topics);
  await publisher.publish({ subject: 'Task due soon: Ship', event: event('task_due', 'email') });
  await publisher.publish({ subject: 's', event: event('task_due', 'sms') });
  await publisher.publish({ subject: 's', event: event('task_completed', 'email') });
  await publisher.publish({ subject: 's', event: event('task_completed', 'sms') });
  const inputs = sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
  expect(inputs.map((input) => input.TopicArn)).toEqual([
    topics.taskDueEmail,
    topics.taskDueSms,
    topics.taskCompletedEmail,
    topics.taskCompletedSms,
  ]);
  expect(inputs[0]).toEqual({
    TopicArn: topics.taskDueEmail,
    Subject: 'Task due soon: Ship',
    Message: JSON.stringify(event('task_due', 'email')),
    MessageAttributes: {
      kind: { DataType: 'String', StringValue: 'task_due' },
      channel: { DataType: 'String', StringValue: 'email' },
    },
  });
});

test('topic subjects are printable ASCII under 100 characters, as SNS requires', () => {
  expect(topicSubject('Task due soon: Café ☕')).toBe('Task due soon: Caf? ?');
  expect(topicSubject('x'.repeat(150))).toHaveLength(99);
  expect(topicSubject('☕')).toBe('?');
  expect(topicSubject('   ')).toBe('Task Manager notification');
});

test('a provider error reaches the caller unchanged', async () => {
  sns.on(PublishCommand).rejects(new Error('Throttled'));
  await expect(
    new SnsSmsChannel(new SNSClient({ region: 'us-east-1' })).sendSms({
      phoneNumber: '+14155550100',
      text: 'x',
    }),
  ).rejects.toThrow('Throttled');
});

test('the dev channel keeps what would have been sent, newest first and bounded', async () => {
  const outbox = new DevOutbox(2);
  const dev = new DevChannel(outbox, pino({ level: 'silent' }));
  await dev.sendEmail({ to: 'ada@example.test', subject: 'S', text: 'T' });
  await dev.sendSms({ phoneNumber: '+14155550100', text: 'T' });
  await dev.publish({ subject: 'S', event: event('task_completed', 'sms') });
  expect(outbox.list().map((entry) => entry.channel)).toEqual(['topic', 'sms']);
  expect(outbox.list()[0]).toMatchObject({ topic: 'TaskCompletedNotificationsSMSTopic' });
  expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  outbox.clear();
  expect(outbox.list()).toEqual([]);
});
