/** GET /tasks: the caller's tasks, filtered, sorted and paginated with opaque cursors. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticatedUser } from '@taskmgr/auth';
import {
  type CursorCodec,
  type CursorQuery,
  InvalidCursorError,
  type InvalidCursorReason,
  type SortOrder,
  type TaskListQuery,
  type TaskRepository,
} from '@taskmgr/dynamo';
import { bearerAuthSecurity, errorResponses } from '@taskmgr/service-kit';
import { FieldErrors, validationProblem } from '../http/problems';
import { type ListTasksQuery, ListTasksQuerySchema, TaskListSchema } from '../schemas/task';
import { normalizeQueryDateTime } from '../tasks/task-input';

export interface TaskListRoutesOptions {
  tasks: TaskRepository;
  cursors: CursorCodec;
}

const DEFAULT_LIMIT = 20;

export const taskListRoutes: FastifyPluginAsyncTypebox<TaskListRoutesOptions> = async (
  app,
  options,
) => {
  const { tasks, cursors } = options;

  app.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        security: bearerAuthSecurity,
        summary: 'List my tasks',
        description:
          'Pages are full until the last one; nextCursor is null on the last page. A cursor only works for the user and the filters and sort it was issued for.',
        querystring: ListTasksQuerySchema,
        response: { 200: TaskListSchema, ...errorResponses(400, 401, 503) },
      },
    },
    async (request) => {
      const { userId } = authenticatedUser(request);
      const query = listQueryFrom(request.query);
      // The cursor is bound to everything that shapes the result except the page size.
      const cursorQuery: CursorQuery = { ...query };
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      try {
        const startKey =
          request.query.cursor === undefined
            ? undefined
            : cursors.decode(request.query.cursor, { userId, query: cursorQuery });
        const page = await tasks.list(userId, { ...query, limit, startKey });
        return {
          items: page.items,
          nextCursor: page.lastKey
            ? cursors.encode({ userId, query: cursorQuery, lastKey: page.lastKey })
            : null,
        };
      } catch (error) {
        if (error instanceof InvalidCursorError) throw invalidCursor(error.reason);
        throw error;
      }
    },
  );
};

function listQueryFrom(raw: ListTasksQuery): TaskListQuery {
  const errors = new FieldErrors();
  const dueBefore = normalizeQueryDateTime('dueBefore', raw.dueBefore, errors);
  const dueAfter = normalizeQueryDateTime('dueAfter', raw.dueAfter, errors);
  if (dueBefore !== undefined && dueAfter !== undefined && dueAfter >= dueBefore) {
    errors.add('dueAfter', 'querystring', 'must be earlier than dueBefore');
  }
  errors.throwIfAny();
  const sort = raw.sort ?? 'createdAt';
  // Soonest due first, otherwise newest first.
  const order: SortOrder = raw.order ?? (sort === 'dueDate' ? 'asc' : 'desc');
  return { sort, order, status: raw.status, dueBefore, dueAfter };
}

// Another user's cursor reads as "not for this query", so the answer reveals nothing about it.
const CURSOR_MESSAGES: Record<InvalidCursorReason, string> = {
  malformed: 'is not a cursor issued by this API',
  tampered: 'is not a cursor issued by this API',
  expired: 'has expired; list again from the first page',
  'foreign-user': 'does not belong to this query; pass the same filters and sort, or drop it',
  'query-mismatch': 'does not belong to this query; pass the same filters and sort, or drop it',
};

function invalidCursor(reason: InvalidCursorReason) {
  return validationProblem([
    { field: 'cursor', in: 'querystring', message: CURSOR_MESSAGES[reason] },
  ]);
}
