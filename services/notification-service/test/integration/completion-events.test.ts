import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand } from '@aws-sdk/client-sns';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  buildOutboxItem,
  newId,
  type OutboxItem,
  OutboxRepository,
  outboxPartition,
} from '@taskmgr/dynamo';
import { taskCompletedEvent } from '@taskmgr/events';
import {
  completionNotificationId,
  completionRequest,
} from '../../src/delivery/notification-content';
import type { NotificationRuntime } from '../../src/runtime';
import {
  awsReplicas,
  awsRuntime,
  countBy,
  createUser,
  notificationItems,
  putTasks,
  type TestUser,
  TOPICS,
  taskRepository,
  useHarness,
} from '../support/harness';

const { table, aws, clock } = useHarness('completions', '2030-07-01T12:00:00.000Z');

/** Every outbox item still stored (pending, leased or dead-lettered). */
async function outboxItems(): Promise<OutboxItem[]> {
  const all = await Promise.all(
    OutboxRepository.shards().map((shard) =>
      table.doc.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'EntityPartition = :pk',
          ExpressionAttributeValues: { ':pk': outboxPartition(shard) },
          ConsistentRead: true,
        }),
      ),
    ),
  );
  return all.flatMap((output) => (output.Items ?? []) as OutboxItem[]);
}

/** Completes a task through the task repository, which writes the event in the same transaction. */
async function completeTask(user: TestUser, title = 'Ship it') {
  const taskId = newId(clock.now());
  await putTasks(table, clock, [{ userId: user.userId, taskId, title }]);
  await taskRepository(table, clock).update(user.userId, taskId, { status: 'completed' });
  const event = (await outboxItems()).find((item) => item.Payload.taskId === taskId);
  if (!event) throw new Error('no completion event written');
  return { taskId, event };
}

describe('one consumer', () => {
  let runtime: NotificationRuntime;
  beforeAll(() => {
    runtime = awsRuntime(table, clock);
  });
  afterAll(() => runtime.close());

  test('a completed task produces one notification on each channel, then the event is gone', async () => {
    const user = await createUser(table, { email: true, sms: true }, '+14155550131');
    const { taskId, event } = await completeTask(user);
    const report = await runtime.consumer.drain();
    expect(report.outcomes.delivered).toBe(1);

    const notifications = await notificationItems(table, user.userId);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      NotificationId: completionNotificationId(event.EventId),
      Kind: 'task_completed',
      TaskId: taskId,
      Title: 'Ship it',
      Notif_isRead: false,
      NotificationExpiry: Math.floor(clock.now().getTime() / 1000) + 30 * 86_400,
    });
    expect(aws.emailCalls()).toHaveLength(1);
    expect(aws.smsCalls()).toEqual([
      {
        PhoneNumber: '+14155550131',
        Message: notifications[0]?.Message,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        },
      },
    ]);
    expect(
      aws
        .topicCalls()
        .map((input) => input.TopicArn)
        .sort(),
    ).toEqual([TOPICS.taskCompletedEmail, TOPICS.taskCompletedSms].sort());
    expect(await outboxItems()).toEqual([]);
  });

  test('replaying a completion event still makes one notification and re-sends nothing', async () => {
    const user = await createUser(table, { email: true, sms: false });
    const { event } = await completeTask(user);
    await runtime.consumer.drain();
    expect(aws.emailCalls()).toHaveLength(1);

    // The same event arrives again (a producer retry, a restored backup...).
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: buildOutboxItem(event.Payload, clock.now()),
      }),
    );
    const replay = await runtime.consumer.drain();
    expect(replay.outcomes.delivered).toBe(1);
    expect(await notificationItems(table, user.userId)).toHaveLength(1);
    expect(aws.emailCalls()).toHaveLength(1);
    expect(aws.topicCalls()).toHaveLength(1);
    expect(await outboxItems()).toEqual([]);

    // And handling the event directly a third time changes nothing either.
    await runtime.dispatcher.dispatch(completionRequest(event.Payload), {
      userId: user.userId,
      email: user.email,
      phoneNumber: null,
      preferences: user.preferences,
    });
    expect(await notificationItems(table, user.userId)).toHaveLength(1);
    expect(aws.emailCalls()).toHaveLength(1);
  });

  test('a crash between claim and delivery: the event is retried once the lease expires', async () => {
    const user = await createUser(table, { email: true, sms: false });
    const { event } = await completeTask(user);
    const outbox = new OutboxRepository({ ...table, now: clock.now });
    expect(await outbox.claim(event, { owner: 'crashed-replica', leaseMs: 60_000 })).toBeDefined();

    expect((await runtime.consumer.drain()).outcomes.delivered).toBe(0);
    expect(await notificationItems(table, user.userId)).toHaveLength(0);

    clock.advance(60_001);
    expect((await runtime.consumer.drain()).outcomes.delivered).toBe(1);
    expect(await notificationItems(table, user.userId)).toHaveLength(1);
    expect(aws.emailCalls()).toHaveLength(1);
    expect(await outbox.complete(event, 'crashed-replica')).toBe(false);
  });

  test('a crash after some channels went out: the retry sends only the rest', async () => {
    const user = await createUser(table, { email: true, sms: true }, '+14155550132');
    aws.ses.on(SendEmailCommand).rejects(new Error('SES unavailable'));
    const { event } = await completeTask(user);

    const first = await runtime.consumer.drain();
    expect(first.outcomes.retrying).toBe(1);
    expect(aws.smsCalls()).toHaveLength(1);
    expect(aws.topicCalls()).toHaveLength(2);
    expect(aws.emailCalls()).toHaveLength(3);
    const [stored] = await outboxItems();
    expect(stored).toMatchObject({
      EventId: event.EventId,
      LastError: expect.stringContaining('SES unavailable'),
    });
    expect(stored?.LeaseOwner).toBeUndefined();

    aws.reset();
    expect((await runtime.consumer.drain()).outcomes.delivered).toBe(0);
    clock.advance(60_001);
    expect((await runtime.consumer.drain()).outcomes.delivered).toBe(1);
    expect(aws.emailCalls()).toHaveLength(1);
    expect(aws.smsCalls()).toHaveLength(0);
    expect(aws.topicCalls()).toHaveLength(0);
    const notifications = await notificationItems(table, user.userId);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.Deliveries?.email).toMatchObject({ Status: 'delivered', Attempts: 4 });
    expect(await outboxItems()).toEqual([]);
  });

  test('a malformed event is dead-lettered, not retried forever', async () => {
    const user = await createUser(table, { email: false, sms: false });
    const broken = {
      ...buildOutboxItem(
        taskCompletedEvent({
          eventId: newId(clock.now()),
          occurredAt: clock.now().toISOString(),
          userId: user.userId,
          taskId: 'T-broken',
          title: 'x',
          completedAt: clock.now().toISOString(),
        }),
        clock.now(),
      ),
    };
    const item = { ...broken, Payload: { ...broken.Payload, completedAt: 'yesterday' } };
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: item }));
    const report = await runtime.consumer.drain();
    expect(report.outcomes['dead-lettered']).toBe(1);
    const [parked] = await outboxItems();
    expect(parked?.DeadLetteredAt).toBeDefined();
    expect(await notificationItems(table, user.userId)).toHaveLength(0);
    await table.doc.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: { EntityPartition: item.EntityPartition, EntitySort: item.EntitySort },
      }),
    );
  });
});

describe('several replicas', () => {
  test('3 consumers draining 60 completions at once: 60 notifications, one send per channel each', async () => {
    const users = [
      await createUser(table, { email: true, sms: false }),
      await createUser(table, { email: false, sms: true }, '+14155550141'),
      await createUser(table, { email: true, sms: true }, '+14155550142'),
    ];
    const tasks = Array.from({ length: 60 }, (_, i) => ({
      userId: (users[i % 3] as TestUser).userId,
      taskId: newId(clock.now()),
      title: `Task ${i}`,
    }));
    await putTasks(table, clock, tasks);
    const repository = taskRepository(table, clock);
    await Promise.all(
      tasks.map((t) => repository.update(t.userId, t.taskId, { status: 'completed' })),
    );
    expect(await outboxItems()).toHaveLength(60);

    const replicas = awsReplicas(table, clock, 3, { consumer: { batchSize: 5 } });
    const reports = await Promise.all(replicas.map((replica) => replica.consumer.drain()));
    expect(reports.reduce((sum, r) => sum + r.outcomes.delivered, 0)).toBe(60);

    const notifications = (await Promise.all(users.map((u) => notificationItems(table, u.userId))))
      .flat()
      .filter((n) => n.Kind === 'task_completed');
    expect(notifications).toHaveLength(60);
    expect(new Set(notifications.map((n) => n.TaskId)).size).toBe(60);

    const emailPerTitle = countBy(
      aws.emailCalls(),
      (input) => input.Content?.Simple?.Subject?.Data ?? '',
    );
    expect(emailPerTitle.size).toBe(40);
    expect([...emailPerTitle.values()].every((count) => count === 1)).toBe(true);
    const smsPerText = countBy(aws.smsCalls(), (input) => input.Message ?? '');
    expect(smsPerText.size).toBe(40);
    expect([...smsPerText.values()].every((count) => count === 1)).toBe(true);
    expect(
      aws.sns.commandCalls(PublishCommand).filter((c) => c.args[0].input.TopicArn),
    ).toHaveLength(80);
    expect(await outboxItems()).toEqual([]);
    await Promise.all(replicas.map((replica) => replica.close()));
  });
});
