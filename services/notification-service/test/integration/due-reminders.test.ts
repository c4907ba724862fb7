import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  newId,
  pendingReminderPartition,
  ReminderRepository,
  type TaskItem,
  taskKey,
} from '@taskmgr/dynamo';
import { reminderNotificationId } from '../../src/delivery/notification-content';
import type { NotificationRuntime } from '../../src/runtime';
import {
  awsReplicas,
  awsRuntime,
  countBy,
  createUser,
  EMAIL_FROM,
  hoursFrom,
  notificationItems,
  putTasks,
  type TestUser,
  TOPICS,
  taskRepository,
  useHarness,
} from '../support/harness';

const { table, aws, clock } = useHarness('due-reminders', '2030-07-01T06:00:00.000Z');

async function storedTask(userId: string, taskId: string): Promise<TaskItem | undefined> {
  const output = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: taskKey(userId, taskId),
      ConsistentRead: true,
    }),
  );
  return output.Item as TaskItem | undefined;
}

async function dueTask(user: TestUser, hoursAhead: number, title = 'Pay rent') {
  const taskId = newId(clock.now());
  const dueDate = hoursFrom(clock, hoursAhead);
  await putTasks(table, clock, [{ userId: user.userId, taskId, title, dueDate }]);
  return { taskId, dueDate };
}

const taskIdOfTopicCall = (input: { Message?: string }) =>
  (JSON.parse(input.Message ?? '{}') as { taskId: string }).taskId;

describe('several scanners at once', () => {
  test('3 scanners over 500 due tasks: 500 in-app notifications, one send per channel per task', async () => {
    const users = [
      await createUser(table, { email: false, sms: false }),
      await createUser(table, { email: true, sms: false }),
      await createUser(table, { email: false, sms: true }, '+14155550101'),
      await createUser(table, { email: true, sms: true }, '+14155550102'),
    ];
    const due = Array.from({ length: 500 }, (_, i) => {
      const user = users[i % users.length] as TestUser;
      const taskId = newId(clock.now());
      return {
        userId: user.userId,
        taskId,
        title: `Task ${taskId}`,
        dueDate: hoursFrom(clock, 1 + (i % 20)),
      };
    });
    // Not due: later this week, completed, or undated. The scan must not touch them.
    const notDue = users.flatMap((user) => [
      {
        userId: user.userId,
        taskId: newId(clock.now()),
        title: 'later',
        dueDate: hoursFrom(clock, 72),
      },
      { userId: user.userId, taskId: newId(clock.now()), title: 'undated' },
    ]);
    const completed = {
      userId: users[3]?.userId ?? '',
      taskId: newId(clock.now()),
      title: 'done',
      dueDate: hoursFrom(clock, 2),
      status: 'completed' as const,
    };
    await putTasks(table, clock, [...due, ...notDue, completed]);

    const scanners = awsReplicas(table, clock, 3, { scanner: { concurrency: 6 } });
    const reports = await Promise.all(scanners.map((runtime) => runtime.scanner.runOnce()));

    expect(reports.reduce((sum, report) => sum + report.outcomes.sent, 0)).toBe(500);
    expect(
      reports.every((report) => report.outcomes.error === 0 && report.outcomes.retrying === 0),
    ).toBe(true);

    const notifications = (
      await Promise.all(users.map((u) => notificationItems(table, u.userId)))
    ).flat();
    expect(notifications).toHaveLength(500);
    expect(new Set(notifications.map((n) => n.TaskId))).toEqual(new Set(due.map((t) => t.taskId)));
    expect(notifications.every((n) => n.Kind === 'task_due' && n.Notif_isRead === false)).toBe(
      true,
    );

    const byUser = (index: number) =>
      new Set(due.filter((_, i) => i % 4 === index).map((t) => t.taskId));
    const emailTasks = new Set([...byUser(1), ...byUser(3)]);
    const smsTasks = new Set([...byUser(2), ...byUser(3)]);

    const emails = aws.emailCalls();
    expect(emails).toHaveLength(250);
    const emailCounts = countBy(emails, (input) => input.Content?.Simple?.Subject?.Data ?? '');
    expect([...emailCounts.values()].every((count) => count === 1)).toBe(true);
    expect(
      new Set(
        [...emailCounts.keys()].map((subject) => subject.replace('Task due soon: Task ', '')),
      ),
    ).toEqual(emailTasks);

    const sms = aws.smsCalls();
    expect(sms).toHaveLength(250);
    const smsTaskIds = sms.map((input) => /Task (\w+)/.exec(input.Message ?? '')?.[1] ?? '');
    expect(new Set(smsTaskIds)).toEqual(smsTasks);
    expect(smsTaskIds).toHaveLength(smsTasks.size);

    const topicCalls = aws.topicCalls();
    const emailTopic = topicCalls.filter((input) => input.TopicArn === TOPICS.taskDueEmail);
    const smsTopic = topicCalls.filter((input) => input.TopicArn === TOPICS.taskDueSms);
    expect(topicCalls).toHaveLength(500);
    expect(new Set(emailTopic.map(taskIdOfTopicCall))).toEqual(emailTasks);
    expect(emailTopic).toHaveLength(250);
    expect(new Set(smsTopic.map(taskIdOfTopicCall))).toEqual(smsTasks);
    expect(smsTopic).toHaveLength(250);

    // Everything due is now sent and out of the index; the rest is untouched.
    expect(await scanners[0]?.scanner.findDue()).toEqual([]);
    const sample = due[7];
    expect(await storedTask(sample?.userId ?? '', sample?.taskId ?? '')).toMatchObject({
      NotificationSent: true,
      Version: 1,
    });
    const later = notDue[0];
    expect(
      (await storedTask(later?.userId ?? '', later?.taskId ?? ''))?.DueDate_NotificationSent,
    ).toBe(pendingReminderPartition(later?.dueDate ?? ''));

    // A fourth run finds nothing and sends nothing.
    aws.reset();
    const again = await scanners[1]?.scanner.runOnce();
    expect(again?.found).toBe(0);
    expect(aws.sns.commandCalls(PublishCommand)).toHaveLength(0);
    await Promise.all(scanners.map((runtime) => runtime.close()));
    // ~4,000 conditional writes, which DynamoDB Local serialises: allow for a busy machine.
  }, 240_000);
});

describe('leases, re-dating and completion', () => {
  let runtime: NotificationRuntime;
  let user: TestUser;
  beforeAll(async () => {
    runtime = awsRuntime(table, clock);
    user = await createUser(table, { email: true, sms: false });
  });
  afterAll(() => runtime.close());

  test('a lease left by a crashed scanner is picked up once it expires', async () => {
    const { taskId, dueDate } = await dueTask(user, 3);
    const reminders = new ReminderRepository({ ...table, now: clock.now });
    const ref = {
      userId: user.userId,
      taskId,
      dueDate,
      reminderPartition: pendingReminderPartition(dueDate),
    };
    // The crashed scanner claimed it (5-minute lease, as the scanner's default) and died.
    expect(await reminders.claim(ref, { owner: 'crashed-run', leaseMs: 300_000 })).toBeDefined();

    const blocked = await runtime.scanner.runOnce();
    expect(blocked.outcomes.sent).toBe(0);
    expect(await notificationItems(table, user.userId)).toHaveLength(0);

    clock.advance(300_001);
    const taken = await runtime.scanner.runOnce();
    expect(taken.outcomes.sent).toBe(1);
    const notifications = await notificationItems(table, user.userId);
    expect(notifications.map((n) => n.NotificationId)).toEqual([
      reminderNotificationId(taskId, dueDate),
    ]);
    expect(aws.emailCalls()).toHaveLength(1);
    expect(await reminders.markSent(ref, 'crashed-run')).toBe(false);
  });

  test('changing the due date after the reminder went out re-arms it', async () => {
    const tasks = taskRepository(table, clock);
    const { taskId, dueDate } = await dueTask(user, 5);
    const before = (await notificationItems(table, user.userId)).length;
    expect((await runtime.scanner.runOnce()).outcomes.sent).toBe(1);
    expect((await runtime.scanner.runOnce()).outcomes.sent).toBe(0);

    const moved = hoursFrom(clock, 8);
    await tasks.update(user.userId, taskId, { dueDate: moved });
    expect((await runtime.scanner.runOnce()).outcomes.sent).toBe(1);

    const ids = (await notificationItems(table, user.userId)).map((n) => n.NotificationId);
    expect(ids).toHaveLength(before + 2);
    expect(ids).toEqual(
      expect.arrayContaining([
        reminderNotificationId(taskId, dueDate),
        reminderNotificationId(taskId, moved),
      ]),
    );
    expect(aws.emailCalls()).toHaveLength(2);
  });

  test('a task re-dated beyond the window before the run is not reminded yet', async () => {
    const tasks = taskRepository(table, clock);
    const { taskId } = await dueTask(user, 4);
    await tasks.update(user.userId, taskId, { dueDate: hoursFrom(clock, 48) });
    const report = await runtime.scanner.runOnce();
    expect(report.outcomes.sent).toBe(0);
    expect(aws.emailCalls()).toHaveLength(0);
    expect((await storedTask(user.userId, taskId))?.NotificationSent).toBe(false);
  });

  test('completing a task before its reminder suppresses it', async () => {
    const tasks = taskRepository(table, clock);
    const { taskId } = await dueTask(user, 2);
    await tasks.update(user.userId, taskId, { status: 'completed' });
    const report = await runtime.scanner.runOnce();
    expect(report.outcomes.sent).toBe(0);
    expect(aws.emailCalls()).toHaveLength(0);
    const ids = (await notificationItems(table, user.userId)).map((n) => n.TaskId);
    expect(ids).not.toContain(taskId);
  });
});

describe('channels per preferences', () => {
  let runtime: NotificationRuntime;
  beforeAll(() => {
    runtime = awsRuntime(table, clock);
  });
  afterAll(() => runtime.close());

  async function remind(user: TestUser) {
    const { taskId, dueDate } = await dueTask(user, 6, 'File taxes');
    const report = await runtime.scanner.runOnce();
    expect(report.outcomes.sent).toBe(1);
    const [notification] = (await notificationItems(table, user.userId)).filter(
      (n) => n.TaskId === taskId,
    );
    if (!notification) throw new Error('no in-app notification');
    return { taskId, dueDate, notification };
  }

  const smsInput = (phoneNumber: string, message: string) => ({
    PhoneNumber: phoneNumber,
    Message: message,
    MessageAttributes: {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    },
  });

  test('in-app only: the notification and nothing else', async () => {
    const user = await createUser(table, { email: false, sms: false }, '+14155550111');
    const { notification } = await remind(user);
    expect(notification).toMatchObject({ Kind: 'task_due', Title: 'File taxes', Deliveries: {} });
    expect(aws.sns.calls()).toHaveLength(0);
    expect(aws.ses.calls()).toHaveLength(0);
  });

  test('email: one SES SendEmail and one TaskDue email topic event', async () => {
    const user = await createUser(table, { email: true, sms: false }, '+14155550112');
    const { taskId, notification } = await remind(user);
    expect(aws.emailCalls()).toEqual([
      {
        FromEmailAddress: EMAIL_FROM,
        Destination: { ToAddresses: [user.email] },
        Content: {
          Simple: {
            Subject: { Data: 'Task due soon: File taxes', Charset: 'UTF-8' },
            Body: { Text: { Data: notification.Message, Charset: 'UTF-8' } },
          },
        },
      },
    ]);
    expect(aws.smsCalls()).toEqual([]);
    const [topic] = aws.topicCalls();
    expect(aws.topicCalls()).toHaveLength(1);
    expect(topic).toMatchObject({
      TopicArn: TOPICS.taskDueEmail,
      Subject: 'Task due soon: File taxes',
      MessageAttributes: {
        kind: { DataType: 'String', StringValue: 'task_due' },
        channel: { DataType: 'String', StringValue: 'email' },
      },
    });
    expect(JSON.parse(topic?.Message ?? '{}')).toMatchObject({
      notificationId: notification.NotificationId,
      kind: 'task_due',
      channel: 'email',
      userId: user.userId,
      taskId,
    });
    expect(notification.Deliveries?.email).toMatchObject({ Status: 'delivered', Attempts: 1 });
    expect((await notificationItems(table, user.userId))[0]?.Deliveries).toMatchObject({
      email: { Status: 'delivered', MessageId: expect.stringMatching(/^ses-/) },
      emailTopic: { Status: 'delivered', MessageId: expect.stringMatching(/^sns-/) },
    });
  });

  test('SMS: one Transactional Publish to the phone and one TaskDue SMS topic event', async () => {
    const user = await createUser(table, { email: false, sms: true }, '+14155550113');
    const { notification } = await remind(user);
    expect(aws.smsCalls()).toEqual([smsInput('+14155550113', notification.Message)]);
    expect(aws.topicCalls().map((input) => input.TopicArn)).toEqual([TOPICS.taskDueSms]);
    expect(aws.ses.calls()).toHaveLength(0);
  });

  test('both: email, SMS and both topics, once each', async () => {
    const user = await createUser(table, { email: true, sms: true }, '+14155550114');
    const { notification } = await remind(user);
    expect(aws.emailCalls()).toHaveLength(1);
    expect(aws.smsCalls()).toEqual([smsInput('+14155550114', notification.Message)]);
    expect(
      aws
        .topicCalls()
        .map((input) => input.TopicArn)
        .sort(),
    ).toEqual([TOPICS.taskDueEmail, TOPICS.taskDueSms].sort());
  });

  test('SMS opted in but no phone number: in-app only, the skip recorded', async () => {
    const user = await createUser(table, { email: false, sms: true });
    const { taskId } = await remind(user);
    expect(aws.sns.calls()).toHaveLength(0);
    const [notification] = await notificationItems(table, user.userId);
    expect(notification?.Deliveries).toEqual({
      sms: expect.objectContaining({ Status: 'skipped', SkipReason: 'no phone number' }),
      smsTopic: expect.objectContaining({ Status: 'skipped', SkipReason: 'no phone number' }),
    });
    expect((await storedTask(user.userId, taskId))?.NotificationSent).toBe(true);
  });
});

describe('a failing channel', () => {
  test('never blocks in-app or the other channels, is recorded, and is retried alone later', async () => {
    const runtime = awsRuntime(table, clock);
    const user = await createUser(table, { email: true, sms: true }, '+14155550121');
    aws.sns.on(PublishCommand, { PhoneNumber: '+14155550121' }).rejects(new Error('Throttled'));
    const { taskId, dueDate } = await dueTask(user, 7);

    const first = await runtime.scanner.runOnce();
    expect(first.outcomes.retrying).toBe(1);
    expect(aws.smsCalls()).toHaveLength(3); // in-process retries
    expect(aws.emailCalls()).toHaveLength(1);
    expect(aws.topicCalls()).toHaveLength(2);
    const [notification] = await notificationItems(table, user.userId);
    expect(notification?.NotificationId).toBe(reminderNotificationId(taskId, dueDate));
    expect(notification?.Deliveries).toMatchObject({
      email: { Status: 'delivered', Attempts: 1 },
      emailTopic: { Status: 'delivered' },
      smsTopic: { Status: 'delivered' },
      sms: { Status: 'failed', Attempts: 3, LastError: 'Error: Throttled' },
    });
    // Still pending, but held back until the retry time.
    expect((await storedTask(user.userId, taskId))?.DueDate_NotificationSent).toBeDefined();
    expect((await runtime.scanner.runOnce()).outcomes.skipped).toBe(1);

    aws.reset();
    clock.advance(300_001);
    const second = await runtime.scanner.runOnce();
    expect(second.outcomes.sent).toBe(1);
    expect(aws.smsCalls()).toHaveLength(1);
    expect(aws.emailCalls()).toHaveLength(0);
    expect(aws.topicCalls()).toHaveLength(0);
    const notifications = await notificationItems(table, user.userId);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.Deliveries?.sms).toMatchObject({ Status: 'delivered', Attempts: 4 });
    expect((await storedTask(user.userId, taskId))?.NotificationSent).toBe(true);
    await runtime.close();
  });

  test('a permanent error is not retried: the channel is abandoned and the reminder completes', async () => {
    const runtime = awsRuntime(table, clock);
    const user = await createUser(table, { email: false, sms: true }, '+1000');
    aws.sns
      .on(PublishCommand, { PhoneNumber: '+1000' })
      .rejects(
        Object.assign(new Error('Invalid phone number'), { name: 'InvalidParameterException' }),
      );
    const { taskId } = await dueTask(user, 7);
    const report = await runtime.scanner.runOnce();
    expect(report.outcomes.sent).toBe(1);
    expect(aws.smsCalls()).toHaveLength(1);
    const [notification] = await notificationItems(table, user.userId);
    expect(notification?.Deliveries?.sms).toMatchObject({ Status: 'abandoned', Attempts: 1 });
    expect((await storedTask(user.userId, taskId))?.NotificationSent).toBe(true);
    await runtime.close();
  });
});
