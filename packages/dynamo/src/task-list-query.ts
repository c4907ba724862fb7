/**
 * The one place that turns a task-list request into a Query. Filters (status, due range) will
 * be added here as a FilterExpression or key condition; queryPage already keeps filtered
 * pages full.
 */
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ExpressionAttributes } from './expression';
import { Prefix, userPartition } from './keys';
import type { StartKeyShape } from './start-key';
import { Attr, IndexName } from './table-definition';

export const TASK_SORTS = ['createdAt', 'updatedAt', 'dueDate'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface TaskListQuery {
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

export function taskListQueryInput(
  tableName: string,
  userId: string,
  query: TaskListQuery,
): QueryCommandInput {
  const access = ACCESS_BY_SORT[query.sort];
  const attrs = new ExpressionAttributes();
  const conditions = [`${attrs.name(Attr.partition)} = ${attrs.value(userPartition(userId))}`];
  // Only tasks carry the LSI sort keys, so the indexes need no entity condition.
  if (!access.indexName) {
    conditions.push(`begins_with(${attrs.name(Attr.sort)}, ${attrs.value(Prefix.task)})`);
  }
  return {
    TableName: tableName,
    ...(access.indexName ? { IndexName: access.indexName } : {}),
    KeyConditionExpression: conditions.join(' AND '),
    ScanIndexForward: query.order === 'asc',
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
