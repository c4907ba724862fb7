import { batchPutAll, buildTaskItem, newId, type TaskItem, type TaskStatus } from '@taskmgr/dynamo';
import { useTestService } from '../support/service';

jest.setTimeout(120_000);

const TASK_COUNT = 257;
const START = Date.parse('2030-01-01T00:00:00.000Z');
const HOUR = 3_600_000;

const { service, user: owner } = useTestService('task-pages');
let seeded: TaskItem[];

function statusOf(i: number): TaskStatus {
  if (i % 10 === 3) return 'completed';
  return i % 3 === 0 ? 'in_progress' : 'pending';
}

beforeAll(async () => {
  seeded = Array.from({ length: TASK_COUNT }, (_, i) => {
    const createdAt = new Date(START + i * 1000);
    // Every 7th task is undated; others share due dates in groups of 3, so ties are exercised.
    const dueDate =
      i % 7 === 0 ? undefined : new Date(START + 30 * 24 * HOUR + Math.floor(i / 3) * HOUR);
    const item = buildTaskItem(
      {
        userId: owner.userId,
        taskId: newId(createdAt),
        title: `task ${i}`,
        status: statusOf(i),
        dueDate: dueDate?.toISOString(),
      },
      createdAt,
    );
    // Updated in an order unrelated to creation: a permutation of the indexes.
    item.TaskUpdatedAt = new Date(
      START + 10 * 24 * HOUR + ((i * 89) % TASK_COUNT) * 1000,
    ).toISOString();
    return item;
  });
  await batchPutAll(service.table.doc, service.table.tableName, seeded);
});

type Sort = 'createdAt' | 'updatedAt' | 'dueDate';
type Order = 'asc' | 'desc';

const SORT_KEY: Record<Sort, (item: TaskItem) => string> = {
  createdAt: (item) => item.EntitySort,
  updatedAt: (item) => item.TaskUpdatedAt,
  dueDate: (item) => item.TaskDueSort,
};

function expectedIds(sort: Sort, order: Order, keep: (item: TaskItem) => boolean = () => true) {
  // Code-unit order, as DynamoDB compares strings (localeCompare would not sort '~' last).
  const sorted = seeded
    .filter(keep)
    .sort((a, b) => (SORT_KEY[sort](a) < SORT_KEY[sort](b) ? -1 : 1));
  if (order === 'desc') sorted.reverse();
  return sorted.map((item) => item.TaskId);
}

interface Walk {
  ids: string[];
  pageSizes: number[];
}

/** Follows nextCursor to the end, failing on any page that is not a 200. */
async function walk(params: Record<string, string>): Promise<Walk> {
  const ids: string[] = [];
  const pageSizes: number[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ ...params, ...(cursor ? { cursor } : {}) });
    const res = await owner.request({ method: 'GET', url: `/tasks?${query}` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Array<{ taskId: string }>; nextCursor: string | null };
    ids.push(...body.items.map((task) => task.taskId));
    pageSizes.push(body.items.length);
    cursor = body.nextCursor;
    if (pageSizes.length > TASK_COUNT) throw new Error('the cursor chain does not end');
  } while (cursor);
  return { ids, pageSizes };
}

/** Full pages, then one last non-empty page: never an empty page behind a cursor. */
function expectFullPages(pageSizes: number[], limit: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / limit));
  expect(pageSizes).toHaveLength(pages);
  expect(pageSizes.slice(0, -1).every((size) => size === limit)).toBe(true);
  expect(pageSizes.reduce((sum, size) => sum + size, 0)).toBe(total);
}

const COMBOS: Array<[Sort, Order]> = [
  ['createdAt', 'asc'],
  ['createdAt', 'desc'],
  ['updatedAt', 'asc'],
  ['updatedAt', 'desc'],
  ['dueDate', 'asc'],
  ['dueDate', 'desc'],
];

test.each(COMBOS)('sort=%s order=%s: all 257 tasks exactly once, in order', async (sort, order) => {
  const { ids, pageSizes } = await walk({ sort, order, limit: '10' });
  expect(ids).toEqual(expectedIds(sort, order));
  expect(new Set(ids).size).toBe(TASK_COUNT);
  expectFullPages(pageSizes, 10, TASK_COUNT);
});

test.each(COMBOS)(
  'sort=%s order=%s status=completed: the sparse matches in full pages',
  async (sort, order) => {
    const expected = expectedIds(sort, order, (item) => item.Status === 'completed');
    expect(expected.length).toBe(26);
    const { ids, pageSizes } = await walk({ sort, order, status: 'completed', limit: '10' });
    expect(ids).toEqual(expected);
    expectFullPages(pageSizes, 10, expected.length);
  },
);

describe('due-date ranges', () => {
  // Due dates run from 2030-01-31T00:00Z to 2030-02-04T13:00Z, an hour apart in threes.
  const dueAfter = '2030-02-01T00:00:00+00:00';
  const dueBefore = '2030-02-03T12:00:00+01:00';
  const inRange = (item: TaskItem) =>
    item.DueDate !== undefined &&
    item.DueDate >= '2030-02-01T00:00:00.000Z' &&
    item.DueDate < '2030-02-03T11:00:00.000Z';

  test.each(COMBOS)('sort=%s order=%s dueAfter..dueBefore', async (sort, order) => {
    const expected = expectedIds(sort, order, inRange);
    expect(expected.length).toBeGreaterThan(20);
    const { ids, pageSizes } = await walk({ sort, order, dueAfter, dueBefore, limit: '7' });
    expect(ids).toEqual(expected);
    expectFullPages(pageSizes, 7, expected.length);
  });

  test('one-sided ranges exclude undated tasks; the upper bound is exclusive', async () => {
    const before = await walk({ sort: 'dueDate', dueBefore: '2030-01-31T02:00:00Z', limit: '100' });
    expect(before.ids).toEqual(
      expectedIds(
        'dueDate',
        'asc',
        (i) => i.DueDate !== undefined && i.DueDate < '2030-01-31T02:00:00.000Z',
      ),
    );
    const after = await walk({ sort: 'updatedAt', dueAfter: '2030-02-03T00:00:00Z', limit: '100' });
    expect(after.ids).toEqual(
      expectedIds(
        'updatedAt',
        'desc',
        (i) => i.DueDate !== undefined && i.DueDate >= '2030-02-03T00:00:00.000Z',
      ),
    );
    expect(after.ids.length).toBeGreaterThan(0);
  });

  test('status and due range together, on the due-date index', async () => {
    const expected = expectedIds(
      'dueDate',
      'desc',
      (i) => inRange(i) && i.Status === 'in_progress',
    );
    const { ids } = await walk({
      sort: 'dueDate',
      order: 'desc',
      status: 'in_progress',
      dueAfter,
      dueBefore,
      limit: '3',
    });
    expect(ids).toEqual(expected);
  });
});

describe('page boundaries', () => {
  test('matches that exactly fill the last page leave no cursor to an empty page', async () => {
    const one = await walk({ status: 'completed', limit: '26' });
    expect(one.pageSizes).toEqual([26]);
    const two = await walk({ status: 'completed', limit: '13' });
    expect(two.pageSizes).toEqual([13, 13]);
    const whole = await walk({ limit: '100' });
    expect(whole.pageSizes).toEqual([100, 100, 57]);
  });

  test('defaults: 20 per page, newest first', async () => {
    const res = await owner.request({ method: 'GET', url: '/tasks' });
    const body = res.json();
    expect(body.items.map((t: { taskId: string }) => t.taskId)).toEqual(
      expectedIds('createdAt', 'desc').slice(0, 20),
    );
    expect(typeof body.nextCursor).toBe('string');
  });

  test('a cursor carries on with another page size, but not with other filters or sort', async () => {
    const first = (
      await owner.request({ method: 'GET', url: '/tasks?sort=updatedAt&status=pending&limit=5' })
    ).json();
    const cursor = encodeURIComponent(first.nextCursor);
    const resized = await owner.request({
      method: 'GET',
      url: `/tasks?sort=updatedAt&status=pending&limit=7&cursor=${cursor}`,
    });
    expect(resized.statusCode).toBe(200);
    const expected = expectedIds('updatedAt', 'desc', (i) => i.Status === 'pending');
    expect(resized.json().items.map((t: { taskId: string }) => t.taskId)).toEqual(
      expected.slice(5, 12),
    );

    for (const other of [
      'sort=updatedAt&status=completed',
      'sort=updatedAt',
      'sort=createdAt&status=pending',
      'sort=updatedAt&order=asc&status=pending',
      'sort=updatedAt&status=pending&dueBefore=2031-01-01T00:00:00Z',
    ]) {
      const res = await owner.request({ method: 'GET', url: `/tasks?${other}&cursor=${cursor}` });
      expect({ other, status: res.statusCode }).toEqual({ other, status: 400 });
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'cursor', in: 'querystring' }),
      ]);
    }
  });

  test('a tampered cursor is 400', async () => {
    const { nextCursor } = (await owner.request({ method: 'GET', url: '/tasks?limit=5' })).json();
    const bytes = Buffer.from(nextCursor, 'base64url');
    for (const index of [0, 5, 20, bytes.length - 1]) {
      const flipped = Buffer.from(bytes);
      flipped[index] = (flipped[index] ?? 0) ^ 0x01;
      const res = await owner.request({
        method: 'GET',
        url: `/tasks?limit=5&cursor=${flipped.toString('base64url')}`,
      });
      expect({ index, status: res.statusCode }).toEqual({ index, status: 400 });
    }
    const truncated = await owner.request({
      method: 'GET',
      url: `/tasks?limit=5&cursor=${nextCursor.slice(0, -4)}`,
    });
    expect(truncated.statusCode).toBe(400);
  });
});
