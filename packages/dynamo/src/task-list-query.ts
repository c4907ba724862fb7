/**
 * The one place that turns a task-list request into a Query. A due-date range on the due-date
 * sort is a key condition on TaskDueIndex (only matching items are read); every other filter is
 * a FilterExpression, and the page reader keeps reading until the page is full.
 */
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { PageKey } from './cursor';
import { InvalidCursorError } from './errors';
import { ExpressionAttributes } from './expression';
import type { TaskItem, TaskStatus } from './items';
import { Prefix, userPartition } from './keys';
import type { StartKeyShape } from './start-key';
import { Attr, IndexName } from './table-definition';

export const TASK_SORTS = ['createdAt', 'updatedAt', 'dueDate'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface TaskListFilters {
  status?: TaskStatus | undefined;
  /** Exclusive upper bound on DueDate, ISO-8601 UTC with milliseconds. */
  dueBefore?: string | undefined;
  /** Inclusive lower bound on DueDate, ISO-8601 UTC with milliseconds. */
  dueAfter?: string | undefined;
}

export interface TaskListQuery extends TaskListFilters {
  sort: TaskSort;
  order: SortOrder;
}

interface SortAccess {
  indexName?: string;
  /** Sort key of the LSI; undefined for the table's own key. */
  indexSortAttribute?: string;
}

// createdAt reads the table itself: TASK_<ulid> sorts by creation time.
const ACCESS_BY_SORT: Record<TaskSort, SortAccess> = {
  createdAt: {},
  updatedAt: { indexName: IndexName.updatedAt, indexSortAttribute: Attr.taskUpdatedAt },
  dueDate: { indexName: IndexName.taskDue, indexSortAttribute: Attr.taskDueSort },
};

// TaskDueSort of an undated task starts with '~', after every digit, so '~' bounds dated tasks.
const UNDATED_DUE_SORT = '~';

/** True when the due range can hold nothing; such a list is empty without a query. */
export function isEmptyDueRange(filters: TaskListFilters): boolean {
  return (
    filters.dueAfter !== undefined &&
    filters.dueBefore !== undefined &&
    filters.dueAfter >= filters.dueBefore
  );
}

/**
 * TaskDueSort bounds for the due range, as `BETWEEN lower AND upper`. Keys are
 * `<dueIso>#<taskId>`: `dueAfter` itself sorts just before every task due then (inclusive), and
 * `dueBefore` sorts just before every task due then, so `<= dueBefore` excludes them.
 */
function dueSortRange(filters: TaskListFilters): { lower?: string; upper: string } | undefined {
  if (filters.dueAfter === undefined && filters.dueBefore === undefined) return undefined;
  return {
    ...(filters.dueAfter !== undefined ? { lower: filters.dueAfter } : {}),
    upper: filters.dueBefore ?? UNDATED_DUE_SORT,
  };
}

export function taskListQueryInput(
  tableName: string,
  userId: string,
  query: TaskListQuery,
): QueryCommandInput {
  const access = ACCESS_BY_SORT[query.sort];
  const attrs = new ExpressionAttributes();
  const conditions = [`${attrs.name(Attr.partition)} = ${attrs.value(userPartition(userId))}`];
  const filters: string[] = [];
  // Only tasks carry the LSI sort keys, so the indexes need no entity condition.
  if (!access.indexName) {
    conditions.push(`begins_with(${attrs.name(Attr.sort)}, ${attrs.value(Prefix.task)})`);
  }
  const dueRange = dueSortRange(query);
  if (dueRange && query.sort === 'dueDate') {
    const key = attrs.name(Attr.taskDueSort);
    conditions.push(
      dueRange.lower === undefined
        ? `${key} < ${attrs.value(dueRange.upper)}`
        : `${key} BETWEEN ${attrs.value(dueRange.lower)} AND ${attrs.value(dueRange.upper)}`,
    );
  } else if (dueRange) {
    // Undated tasks have no DueDate, and a comparison with a missing attribute is false.
    const due = attrs.name(Attr.dueDate);
    if (query.dueAfter !== undefined) filters.push(`${due} >= ${attrs.value(query.dueAfter)}`);
    if (query.dueBefore !== undefined) filters.push(`${due} < ${attrs.value(query.dueBefore)}`);
  }
  if (query.status !== undefined) {
    filters.push(`${attrs.name('Status')} = ${attrs.value(query.status)}`);
  }
  return {
    TableName: tableName,
    ...(access.indexName ? { IndexName: access.indexName } : {}),
    KeyConditionExpression: conditions.join(' AND '),
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ScanIndexForward: query.order === 'asc',
    // LSIs allow strong reads: a task the user just created or edited is listed as it is now.
    ConsistentRead: true,
    ...attrs.toInput(),
  };
}

export function taskListStartKeyShape(userId: string, query: TaskListQuery): StartKeyShape {
  return {
    partition: userPartition(userId),
    sortPrefix: Prefix.task,
    indexSortAttribute: ACCESS_BY_SORT[query.sort].indexSortAttribute,
  };
}

/**
 * The start key that resumes a list right after `item`: the table key plus the index sort key.
 * Pages end on an item rather than on DynamoDB's LastEvaluatedKey, which may lie past it.
 */
export function taskListPageKey(item: TaskItem, query: TaskListQuery): PageKey {
  const key: PageKey = { [Attr.partition]: item.EntityPartition, [Attr.sort]: item.EntitySort };
  if (query.sort === 'updatedAt') key[Attr.taskUpdatedAt] = item.TaskUpdatedAt;
  if (query.sort === 'dueDate') key[Attr.taskDueSort] = item.TaskDueSort;
  return key;
}

/**
 * A start key on the due-date sort must lie inside the queried due range, or DynamoDB refuses
 * the query; the cursor binding makes this unreachable, so it is defence in depth.
 */
export function assertStartKeyInDueRange(startKey: PageKey, query: TaskListQuery): void {
  const range = dueSortRange(query);
  if (!range || query.sort !== 'dueDate') return;
  const dueSort = startKey[Attr.taskDueSort];
  const inside =
    typeof dueSort === 'string' &&
    (range.lower === undefined || dueSort >= range.lower) &&
    dueSort <= range.upper;
  if (!inside) throw new InvalidCursorError('query-mismatch');
}
