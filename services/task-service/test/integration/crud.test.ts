import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { taskKey } from '@taskmgr/dynamo';
import { useTestService } from '../support/service';

jest.setTimeout(60_000);

const { service, user } = useTestService('task-crud');

async function rawTask(taskId: string) {
  const output = await service.table.doc.send(
    new GetCommand({
      TableName: service.table.tableName,
      Key: taskKey(user.userId, taskId),
      ConsistentRead: true,
    }),
  );
  return output.Item;
}

async function create(body: Record<string, unknown>) {
  const res = await user.request({ method: 'POST', url: '/tasks', payload: body });
  expect(res.statusCode).toBe(201);
  return res;
}

const FUTURE = '2099-03-04T10:00:00+02:00';
const FUTURE_UTC = '2099-03-04T08:00:00.000Z';

describe('create and read', () => {
  test('201 with the task, a strong ETag, a Location, defaults and a UTC due date', async () => {
    const res = await create({ title: '  Write the report  ', dueDate: FUTURE });
    const task = res.json();
    expect(task).toEqual({
      taskId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      title: 'Write the report',
      description: null,
      status: 'pending',
      dueDate: FUTURE_UTC,
      createdAt: expect.any(String),
      updatedAt: task.createdAt,
      completedAt: null,
      version: 1,
    });
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/tasks/${task.taskId}`);

    const read = await user.request({ method: 'GET', url: `/tasks/${task.taskId}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(task);
    expect(read.headers.etag).toBe('"1"');
    // Stored in the caller's partition, with the reminder armed for the future due date.
    expect(await rawTask(task.taskId)).toMatchObject({
      EntityPartition: `USER_${user.userId}`,
      DueDate: FUTURE_UTC,
      NotificationSent: false,
      DueDate_NotificationSent: '2099-03-04#false',
    });
  });

  test('a task created completed has completedAt and no reminder', async () => {
    const task = (
      await create({ title: 'Done already', status: 'completed', dueDate: FUTURE })
    ).json();
    expect(task.completedAt).toBe(task.createdAt);
    expect(await rawTask(task.taskId)).not.toHaveProperty('DueDate_NotificationSent');
  });

  test('a missing task is 404 problem+json', async () => {
    const res = await user.request({ method: 'GET', url: '/tasks/01HZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  test('every task route needs an access token', async () => {
    for (const [method, url] of [
      ['POST', '/tasks'],
      ['GET', '/tasks'],
      ['GET', '/tasks/01HZZZZZZZZZZZZZZZZZZZZZZZ'],
      ['PATCH', '/tasks/01HZZZZZZZZZZZZZZZZZZZZZZZ'],
      ['DELETE', '/tasks/01HZZZZZZZZZZZZZZZZZZZZZZZ'],
    ] as const) {
      const res = await service.app.inject({
        method,
        url,
        payload: method === 'POST' ? {} : undefined,
      });
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 401 });
    }
  });
});

describe('update', () => {
  test('changes only the fields sent, bumps version and updatedAt, returns the new ETag', async () => {
    const task = (await create({ title: 'Original', description: 'keep me' })).json();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const res = await user.request({
      method: 'PATCH',
      url: `/tasks/${task.taskId}`,
      payload: { title: ' Renamed ', status: 'in_progress' },
    });
    expect(res.statusCode).toBe(200);
    const updated = res.json();
    expect(updated).toMatchObject({
      title: 'Renamed',
      description: 'keep me',
      status: 'in_progress',
      version: 2,
      createdAt: task.createdAt,
    });
    expect(updated.updatedAt > task.updatedAt).toBe(true);
    expect(res.headers.etag).toBe('"2"');
    expect(await rawTask(task.taskId)).toMatchObject({
      Version: 2,
      TaskUpdatedAt: updated.updatedAt,
    });
  });

  test('completing sets completedAt and disarms the reminder; reopening clears and re-arms', async () => {
    const task = (await create({ title: 'Remind me', dueDate: FUTURE })).json();
    const done = await user.request({
      method: 'PATCH',
      url: `/tasks/${task.taskId}`,
      payload: { status: 'completed' },
    });
    expect(done.json().completedAt).toBe(done.json().updatedAt);
    expect(await rawTask(task.taskId)).not.toHaveProperty('DueDate_NotificationSent');

    const reopened = await user.request({
      method: 'PATCH',
      url: `/tasks/${task.taskId}`,
      payload: { status: 'pending' },
    });
    expect(reopened.json().completedAt).toBeNull();
    const stored = await rawTask(task.taskId);
    expect(stored).not.toHaveProperty('TaskCompletedAt');
    expect(stored).toMatchObject({ DueDate_NotificationSent: '2099-03-04#false' });
  });

  test('a new due date re-arms a sent reminder; null clears the due date and the reminder', async () => {
    const task = (await create({ title: 'Due soon', dueDate: FUTURE })).json();
    // As the reminder job leaves a task whose reminder went out.
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await service.table.doc.send(
      new UpdateCommand({
        TableName: service.table.tableName,
        Key: taskKey(user.userId, task.taskId),
        UpdateExpression: 'SET NotificationSent = :sent REMOVE DueDate_NotificationSent',
        ExpressionAttributeValues: { ':sent': true },
      }),
    );
    const moved = await user.request({
      method: 'PATCH',
      url: `/tasks/${task.taskId}`,
      payload: { dueDate: '2099-05-06T23:30:00-01:00' },
    });
    expect(moved.json().dueDate).toBe('2099-05-07T00:30:00.000Z');
    expect(await rawTask(task.taskId)).toMatchObject({
      NotificationSent: false,
      DueDate_NotificationSent: '2099-05-07#false',
    });

    const cleared = await user.request({
      method: 'PATCH',
      url: `/tasks/${task.taskId}`,
      payload: { dueDate: null, description: null },
    });
    expect(cleared.json()).toMatchObject({ dueDate: null, description: null });
    const stored = await rawTask(task.taskId);
    expect(stored).not.toHaveProperty('DueDate');
    expect(stored).not.toHaveProperty('DueDate_NotificationSent');
  });

  test('If-Match with the current version applies; a stale one is 412 and changes nothing', async () => {
    const task = (await create({ title: 'Versioned' })).json();
    const first = await user.request({
      method: 'PATCH',
      url: `/tasks/${task.taskId}`,
      headers: { 'if-match': '"1"' },
      payload: { title: 'v2' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await user.request({
      method: 'PATCH',
      url: `/tasks/${task.taskId}`,
      headers: { 'if-match': 'W/"1"' },
      payload: { title: 'lost' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await rawTask(task.taskId))?.Title).toBe('v2');
  });
});

describe('delete', () => {
  test('204, then 404; a stale If-Match is 412 and keeps the task', async () => {
    const task = (await create({ title: 'Short-lived' })).json();
    await user.request({ method: 'PATCH', url: `/tasks/${task.taskId}`, payload: { title: 'v2' } });
    const stale = await user.request({
      method: 'DELETE',
      url: `/tasks/${task.taskId}`,
      headers: { 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    expect(await rawTask(task.taskId)).toBeDefined();

    const res = await user.request({
      method: 'DELETE',
      url: `/tasks/${task.taskId}`,
      headers: { 'if-match': '"2"' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await rawTask(task.taskId)).toBeUndefined();
    const again = await user.request({ method: 'DELETE', url: `/tasks/${task.taskId}` });
    expect(again.statusCode).toBe(404);
  });
});
