import {
  assertStartKeyInDueRange,
  buildTaskItem,
  InvalidCursorError,
  isEmptyDueRange,
  type TaskListQuery,
  taskListPageKey,
  taskListQueryInput,
} from '@taskmgr/dynamo';

const AFTER = '2030-07-01T00:00:00.000Z';
const BEFORE = '2030-07-08T00:00:00.000Z';

/** The expression with placeholders replaced, for readable assertions. */
function readable(expression: string | undefined, input: ReturnType<typeof taskListQueryInput>) {
  if (expression === undefined) return undefined;
  return expression.replace(/[#:][a-z]\d+/g, (placeholder) => {
    const name = input.ExpressionAttributeNames?.[placeholder];
    if (name !== undefined) return name;
    return JSON.stringify(input.ExpressionAttributeValues?.[placeholder]);
  });
}

function describeQuery(query: TaskListQuery) {
  const input = taskListQueryInput('Tasks', 'u1', query);
  return {
    index: input.IndexName,
    key: readable(input.KeyConditionExpression, input),
    filter: readable(input.FilterExpression, input),
    forward: input.ScanIndexForward,
    consistent: input.ConsistentRead,
  };
}

test('no filters: a key-only query on the table or the sort index', () => {
  expect(describeQuery({ sort: 'createdAt', order: 'desc' })).toEqual({
    index: undefined,
    key: 'EntityPartition = "USER_u1" AND begins_with(EntitySort, "TASK_")',
    filter: undefined,
    forward: false,
    consistent: true,
  });
  expect(describeQuery({ sort: 'updatedAt', order: 'asc' })).toMatchObject({
    index: 'UpdatedAtIndex',
    key: 'EntityPartition = "USER_u1"',
    filter: undefined,
    forward: true,
  });
});

test('a due range on the due-date sort is a key condition on TaskDueIndex', () => {
  expect(
    describeQuery({ sort: 'dueDate', order: 'asc', dueAfter: AFTER, dueBefore: BEFORE }),
  ).toMatchObject({
    index: 'TaskDueIndex',
    key: `EntityPartition = "USER_u1" AND TaskDueSort BETWEEN "${AFTER}" AND "${BEFORE}"`,
    filter: undefined,
  });
  // Without a lower bound; without an upper bound undated tasks ('~#id') stay out.
  expect(describeQuery({ sort: 'dueDate', order: 'asc', dueBefore: BEFORE }).key).toBe(
    `EntityPartition = "USER_u1" AND TaskDueSort < "${BEFORE}"`,
  );
  expect(describeQuery({ sort: 'dueDate', order: 'desc', dueAfter: AFTER }).key).toBe(
    `EntityPartition = "USER_u1" AND TaskDueSort BETWEEN "${AFTER}" AND "~"`,
  );
});

test('on other sorts the due range and the status are filters', () => {
  expect(
    describeQuery({
      sort: 'updatedAt',
      order: 'desc',
      status: 'completed',
      dueAfter: AFTER,
      dueBefore: BEFORE,
    }),
  ).toMatchObject({
    index: 'UpdatedAtIndex',
    key: 'EntityPartition = "USER_u1"',
    filter: `DueDate >= "${AFTER}" AND DueDate < "${BEFORE}" AND Status = "completed"`,
  });
  expect(describeQuery({ sort: 'dueDate', order: 'asc', status: 'pending' }).filter).toBe(
    'Status = "pending"',
  );
});

test('the bounds of TaskDueSort match the API: dueAfter inclusive, dueBefore exclusive', () => {
  const at = (due: string) => `${due}#01HZZZZZZZZZZZZZZZZZZZZZZZ`;
  // BETWEEN is inclusive on the bare timestamps, which sort just before any key due then.
  expect(at(AFTER) >= AFTER).toBe(true);
  expect(at(BEFORE) <= BEFORE).toBe(false);
  expect(at('2030-07-07T23:59:59.999Z') <= BEFORE).toBe(true);
  expect('~#01HZZZZZZZZZZZZZZZZZZZZZZZ' <= '~').toBe(false);
});

test('an empty or inverted range is recognised', () => {
  expect(isEmptyDueRange({ dueAfter: BEFORE, dueBefore: AFTER })).toBe(true);
  expect(isEmptyDueRange({ dueAfter: AFTER, dueBefore: AFTER })).toBe(true);
  expect(isEmptyDueRange({ dueAfter: AFTER, dueBefore: BEFORE })).toBe(false);
  expect(isEmptyDueRange({ dueAfter: AFTER })).toBe(false);
});

test('a page key is rebuilt from the last item for the sort in use', () => {
  const item = buildTaskItem(
    { userId: 'u1', taskId: 'T1', title: 't', dueDate: '2030-07-02T00:00:00.000Z' },
    new Date('2030-06-01T00:00:00.000Z'),
  );
  expect(taskListPageKey(item, { sort: 'createdAt', order: 'asc' })).toEqual({
    EntityPartition: 'USER_u1',
    EntitySort: 'TASK_T1',
  });
  expect(taskListPageKey(item, { sort: 'updatedAt', order: 'asc' })).toEqual({
    EntityPartition: 'USER_u1',
    EntitySort: 'TASK_T1',
    TaskUpdatedAt: '2030-06-01T00:00:00.000Z',
  });
  expect(taskListPageKey(item, { sort: 'dueDate', order: 'asc' })).toEqual({
    EntityPartition: 'USER_u1',
    EntitySort: 'TASK_T1',
    TaskDueSort: '2030-07-02T00:00:00.000Z#T1',
  });
});

test('a due-sort start key outside the queried range is refused', () => {
  const key = (dueSort: string) => ({
    EntityPartition: 'USER_u1',
    EntitySort: 'TASK_T1',
    TaskDueSort: dueSort,
  });
  const query: TaskListQuery = {
    sort: 'dueDate',
    order: 'asc',
    dueAfter: AFTER,
    dueBefore: BEFORE,
  };
  expect(() => assertStartKeyInDueRange(key(`2030-07-03T00:00:00.000Z#T1`), query)).not.toThrow();
  for (const outside of [`2030-06-30T00:00:00.000Z#T1`, `${BEFORE}#T1`, '~#T1']) {
    expect(() => assertStartKeyInDueRange(key(outside), query)).toThrow(InvalidCursorError);
  }
  // Other sorts and unbounded queries have nothing to check.
  expect(() =>
    assertStartKeyInDueRange(key('~#T1'), { sort: 'dueDate', order: 'asc' }),
  ).not.toThrow();
});
