import { useTestService } from '../support/service';

jest.setTimeout(120_000);

const { user } = useTestService('task-concurrency');

type Patch = Record<string, string | null>;

async function createTask() {
  const res = await user.request({
    method: 'POST',
    url: '/tasks',
    payload: { title: 'Contended', dueDate: '2099-06-01T00:00:00Z' },
  });
  return res.json() as { taskId: string };
}

test('20 concurrent PATCHes without If-Match: every accepted change is kept, losers get 409', async () => {
  const { taskId } = await createTask();
  const fields = ['title', 'description', 'status', 'dueDate'] as const;
  const values: Record<(typeof fields)[number], (i: number) => string> = {
    title: (i) => `title ${i}`,
    description: (i) => `description ${i}`,
    status: (i) => (i % 2 === 0 ? 'in_progress' : 'pending'),
    dueDate: (i) => `2099-07-${String(1 + i).padStart(2, '0')}T00:00:00.000Z`,
  };
  const patches: Patch[] = Array.from({ length: 20 }, (_, i) => {
    const field = fields[i % fields.length] ?? 'title';
    return { [field]: values[field](i) };
  });
  const responses = await Promise.all(
    patches.map((payload) => user.request({ method: 'PATCH', url: `/tasks/${taskId}`, payload })),
  );

  const accepted = responses.flatMap((res, i) =>
    res.statusCode === 200
      ? [{ version: res.json().version as number, patch: patches[i] ?? {} }]
      : [],
  );
  for (const res of responses) expect([200, 409]).toContain(res.statusCode);
  expect(accepted.length).toBeGreaterThan(0);
  // Each accepted write saw the one before: versions 2..n+1, none shared, none skipped.
  expect(accepted.map((a) => a.version).sort((a, b) => a - b)).toEqual(
    accepted.map((_, i) => i + 2),
  );

  const stored = (await user.request({ method: 'GET', url: `/tasks/${taskId}` })).json();
  expect(stored.version).toBe(accepted.length + 1);
  // For every field, the stored value is the last accepted writer's; nothing was overwritten.
  for (const field of fields) {
    const last = accepted.filter((a) => field in a.patch).sort((a, b) => b.version - a.version)[0];
    if (last) expect({ field, value: stored[field] }).toEqual({ field, value: last.patch[field] });
  }
});

test('20 concurrent PATCHes with the same If-Match: exactly one wins, the rest get 412', async () => {
  const { taskId } = await createTask();
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      user.request({
        method: 'PATCH',
        url: `/tasks/${taskId}`,
        headers: { 'if-match': '"1"' },
        payload: { description: `writer ${i}` },
      }),
    ),
  );
  const statuses = responses.map((res) => res.statusCode);
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 412)).toHaveLength(19);
  const winner = responses.find((res) => res.statusCode === 200)?.json();
  const stored = (await user.request({ method: 'GET', url: `/tasks/${taskId}` })).json();
  expect(stored).toEqual(winner);
  expect(stored.version).toBe(2);
});
