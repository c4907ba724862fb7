import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { idempotencyRecordKey } from '@taskmgr/dynamo';
import { partitionItems, useTestService } from '../support/service';

jest.setTimeout(60_000);

const { service, user } = useTestService('task-idempotency');

function post(key: string, payload: Record<string, unknown>) {
  return user.request({
    method: 'POST',
    url: '/tasks',
    headers: { 'idempotency-key': key },
    payload,
  });
}

async function storedTasksTitled(title: string) {
  const items = await partitionItems(service.table, user.userId);
  return items.filter((item) => item.EntityType === 'TASK' && item.Title === title);
}

test('the same key and body returns the original task and creates no duplicate', async () => {
  const body = { title: 'Pay rent', dueDate: '2099-01-01T09:00:00+01:00', status: 'pending' };
  const first = await post('rent-2099-01', body);
  expect(first.statusCode).toBe(201);
  expect(first.headers['idempotent-replayed']).toBeUndefined();

  // Same request written differently: member order, offset form, default status omitted.
  const replay = await post('rent-2099-01', {
    dueDate: '2099-01-01T08:00:00Z',
    title: ' Pay rent ',
  });
  expect(replay.statusCode).toBe(201);
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(replay.json()).toEqual(first.json());
  expect(replay.headers.etag).toBe(first.headers.etag);
  expect(replay.headers.location).toBe(first.headers.location);
  expect(await storedTasksTitled('Pay rent')).toHaveLength(1);
});

test('the same key with a different body is 422 naming the header, and creates nothing', async () => {
  const first = await post('groceries', { title: 'Buy milk' });
  expect(first.statusCode).toBe(201);
  const reused = await post('groceries', { title: 'Buy bread' });
  expect(reused.statusCode).toBe(422);
  expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(reused.json()).toMatchObject({
    status: 422,
    code: 'IDEMPOTENCY_KEY_REUSED',
    errors: [expect.objectContaining({ field: 'Idempotency-Key', in: 'headers' })],
  });
  expect(await storedTasksTitled('Buy bread')).toHaveLength(0);
});

test('a replay answers with the task as first created, even after it changed', async () => {
  const first = (await post('snapshot', { title: 'Draft' })).json();
  await user.request({
    method: 'PATCH',
    url: `/tasks/${first.taskId}`,
    payload: { title: 'Final' },
  });
  const replay = await post('snapshot', { title: 'Draft' });
  expect(replay.json()).toEqual(first);
});

test('concurrent creates with one key make exactly one task', async () => {
  const responses = await Promise.all(
    Array.from({ length: 8 }, () => post('double-click', { title: 'Clicked twice' })),
  );
  for (const res of responses) expect(res.statusCode).toBe(201);
  expect(new Set(responses.map((res) => res.json().taskId)).size).toBe(1);
  expect(responses.filter((res) => res.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
  expect(await storedTasksTitled('Clicked twice')).toHaveLength(1);
});

test('the record lives in the user partition with a 24 h TTL; once expired the key is free', async () => {
  const before = Math.floor(Date.now() / 1000);
  const first = (await post('yearly-review', { title: 'Review' })).json();
  const key = idempotencyRecordKey(user.userId, 'yearly-review');
  const record = (await partitionItems(service.table, user.userId)).find(
    (item) => item.EntitySort === key.EntitySort,
  );
  expect(record).toMatchObject({ EntityType: 'IDEMP', TaskId: first.taskId });
  const expiry = Number(record?.NotificationExpiry);
  expect(expiry).toBeGreaterThanOrEqual(before + 86_400);
  expect(expiry).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 86_400);

  // TTL deletes late (DynamoDB Local never): an expired record must read as absent.
  await service.table.doc.send(
    new UpdateCommand({
      TableName: service.table.tableName,
      Key: key,
      UpdateExpression: 'SET NotificationExpiry = :past',
      ExpressionAttributeValues: { ':past': before - 1 },
    }),
  );
  const again = await post('yearly-review', { title: 'Review' });
  expect(again.statusCode).toBe(201);
  expect(again.headers['idempotent-replayed']).toBeUndefined();
  expect(again.json().taskId).not.toBe(first.taskId);
  expect(await storedTasksTitled('Review')).toHaveLength(2);
  // The new request owns the key for the next 24 h.
  const replay = await post('yearly-review', { title: 'Review' });
  expect(replay.json().taskId).toBe(again.json().taskId);
});

test('without a key, two identical posts make two tasks', async () => {
  for (let i = 0; i < 2; i++) {
    const res = await user.request({ method: 'POST', url: '/tasks', payload: { title: 'No key' } });
    expect(res.statusCode).toBe(201);
  }
  expect(await storedTasksTitled('No key')).toHaveLength(2);
});
