import { partitionItems, signUpUser, type TestUser, useTestService } from '../support/service';

jest.setTimeout(60_000);

const { service, user: alice } = useTestService('task-isolation');
let bob: TestUser;

beforeAll(async () => {
  bob = await signUpUser(service.app);
});

test("another user's tasks and cursors are 404 / 400 on every route, and nothing of theirs changes", async () => {
  const created = [];
  for (const [i, status] of (['pending', 'in_progress', 'completed'] as const).entries()) {
    const res = await alice.request({
      method: 'POST',
      url: '/tasks',
      headers: { 'idempotency-key': `alice-key-${i}` },
      payload: { title: `Alice ${i}`, status, dueDate: '2099-01-01T00:00:00Z' },
    });
    expect(res.statusCode).toBe(201);
    created.push(res.json());
  }
  const aliceCursors = await Promise.all(
    ['', '&sort=dueDate', '&sort=updatedAt&order=asc', '&dueBefore=2100-01-01T00:00:00Z'].map(
      async (extra) => {
        const res = await alice.request({ method: 'GET', url: `/tasks?limit=1${extra}` });
        return { extra, cursor: res.json().nextCursor as string | null };
      },
    ),
  );
  const before = await partitionItems(service.table, alice.userId);

  for (const task of created) {
    const url = `/tasks/${task.taskId}`;
    const attempts = [
      await bob.request({ method: 'GET', url }),
      await bob.request({ method: 'PATCH', url, payload: { title: 'mine now' } }),
      await bob.request({
        method: 'PATCH',
        url,
        headers: { 'if-match': '"1"' },
        payload: { status: 'completed' },
      }),
      await bob.request({
        method: 'PATCH',
        url,
        headers: { 'if-match': '"99"' },
        payload: { title: 'x' },
      }),
      await bob.request({ method: 'DELETE', url }),
      await bob.request({ method: 'DELETE', url, headers: { 'if-match': '"1"' } }),
    ];
    // Exactly what a missing task answers: no 403, no 412 that would confirm it exists.
    for (const res of attempts) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
  }
  for (const { extra, cursor } of aliceCursors) {
    if (!cursor) continue;
    const res = await bob.request({
      method: 'GET',
      url: `/tasks?limit=1${extra}&cursor=${cursor}`,
    });
    expect({ extra, status: res.statusCode }).toEqual({ extra, status: 400 });
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  }
  expect(aliceCursors.filter((c) => c.cursor !== null)).toHaveLength(4);

  // Bob's own views show none of Alice's tasks, and her idempotency keys mean nothing for him.
  const bobList = await bob.request({ method: 'GET', url: '/tasks?limit=100' });
  expect(bobList.json()).toEqual({ items: [], nextCursor: null });
  const bobCreate = await bob.request({
    method: 'POST',
    url: '/tasks',
    headers: { 'idempotency-key': 'alice-key-0' },
    payload: { title: 'Alice 0', status: 'pending', dueDate: '2099-01-01T00:00:00Z' },
  });
  expect(bobCreate.statusCode).toBe(201);
  expect(bobCreate.headers['idempotent-replayed']).toBeUndefined();
  expect(created.map((t) => t.taskId)).not.toContain(bobCreate.json().taskId);

  expect(await partitionItems(service.table, alice.userId)).toEqual(before);
  for (const task of created) {
    const res = await alice.request({ method: 'GET', url: `/tasks/${task.taskId}` });
    expect(res.json()).toEqual(task);
  }
});
