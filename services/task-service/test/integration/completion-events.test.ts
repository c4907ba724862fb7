import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type OutboxItem, outboxPartition, outboxShardOf } from '@taskmgr/dynamo';
import { parseDomainEvent } from '@taskmgr/events';
import { useTestService } from '../support/service';

jest.setTimeout(60_000);

const { service, user } = useTestService('task-events');

/** The outbox events for one task, read from the user's outbox shard. */
async function eventsFor(taskId: string): Promise<OutboxItem[]> {
  const output = await service.table.doc.send(
    new QueryCommand({
      TableName: service.table.tableName,
      KeyConditionExpression: 'EntityPartition = :shard',
      FilterExpression: 'Payload.taskId = :taskId',
      ExpressionAttributeValues: {
        ':shard': outboxPartition(outboxShardOf(user.userId)),
        ':taskId': taskId,
      },
      ConsistentRead: true,
    }),
  );
  return (output.Items ?? []) as OutboxItem[];
}

async function createTask(title: string) {
  const res = await user.request({ method: 'POST', url: '/tasks', payload: { title } });
  return res.json() as { taskId: string };
}

function setStatus(taskId: string, status: string) {
  return user.request({ method: 'PATCH', url: `/tasks/${taskId}`, payload: { status } });
}

test('completing once writes exactly one typed, versioned task.completed event', async () => {
  const { taskId } = await createTask('Ship it');
  await setStatus(taskId, 'in_progress');
  expect(await eventsFor(taskId)).toEqual([]);
  const done = (await setStatus(taskId, 'completed')).json();

  const events = await eventsFor(taskId);
  expect(events).toHaveLength(1);
  const event = parseDomainEvent(events[0]?.Payload);
  expect(event).toEqual({
    type: 'task.completed',
    version: 1,
    eventId: expect.any(String),
    occurredAt: done.completedAt,
    userId: user.userId,
    taskId,
    title: 'Ship it',
    completedAt: done.completedAt,
  });
});

test('completing an already completed task, or editing it, adds no event', async () => {
  const { taskId } = await createTask('Once only');
  await setStatus(taskId, 'completed');
  expect((await setStatus(taskId, 'completed')).statusCode).toBe(200);
  await user.request({ method: 'PATCH', url: `/tasks/${taskId}`, payload: { title: 'Renamed' } });
  expect(await eventsFor(taskId)).toHaveLength(1);
});

test('reopening and completing again produces a new, distinct event', async () => {
  const { taskId } = await createTask('Twice');
  await setStatus(taskId, 'completed');
  await setStatus(taskId, 'pending');
  expect(await eventsFor(taskId)).toHaveLength(1);
  await setStatus(taskId, 'completed');
  const events = await eventsFor(taskId);
  expect(events).toHaveLength(2);
  expect(new Set(events.map((e) => e.EventId)).size).toBe(2);
});

test('ten concurrent completions of one task make exactly one event', async () => {
  const { taskId } = await createTask('Raced');
  const responses = await Promise.all(
    Array.from({ length: 10 }, () => setStatus(taskId, 'completed')),
  );
  for (const res of responses) expect([200, 409]).toContain(res.statusCode);
  expect(await eventsFor(taskId)).toHaveLength(1);
});

test('deleting a completed task keeps its undelivered event: the completion happened', async () => {
  const { taskId } = await createTask('Done and gone');
  await setStatus(taskId, 'completed');
  expect((await user.request({ method: 'DELETE', url: `/tasks/${taskId}` })).statusCode).toBe(204);
  expect(await eventsFor(taskId)).toHaveLength(1);
});
