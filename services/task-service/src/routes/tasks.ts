/** Create, read, update and delete one task. The partition always comes from the token. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticatedUser } from '@taskmgr/auth';
import {
  IdempotencyKeyReusedError,
  NotFoundError,
  newId,
  type Task,
  type TaskRepository,
} from '@taskmgr/dynamo';
import {
  bearerAuthSecurity,
  errorResponses,
  HttpProblem,
  preconditionFailedOnIfMatch,
  problemType,
} from '@taskmgr/service-kit';
import type { FastifyReply } from 'fastify';
import { etagOf, expectedVersionFrom } from '../http/preconditions';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_TTL_SECONDS,
  idempotencyKeyFrom,
} from '../idempotency/idempotency-key';
import { createRequestHash } from '../idempotency/request-hash';
import {
  CreateTaskBodySchema,
  CreateTaskHeadersSchema,
  IfMatchHeadersSchema,
  TaskIdParamsSchema,
  TaskSchema,
  UpdateTaskBodySchema,
} from '../schemas/task';
import { normalizeCreate, normalizePatch } from '../tasks/task-input';

export interface TaskRoutesOptions {
  tasks: TaskRepository;
  now: () => Date;
}

const TAGS = ['tasks'];

export const taskRoutes: FastifyPluginAsyncTypebox<TaskRoutesOptions> = async (app, options) => {
  const { tasks, now } = options;

  app.post(
    '/tasks',
    {
      schema: {
        tags: TAGS,
        security: bearerAuthSecurity,
        summary: 'Create a task',
        description:
          'Answers 201 with the task, its ETag and Location. With an Idempotency-Key, a retry of the same request within 24 h answers with the original task (and Idempotent-Replayed: true) instead of creating another.',
        headers: CreateTaskHeadersSchema,
        body: CreateTaskBodySchema,
        response: { 201: TaskSchema, ...errorResponses(400, 401, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const { userId } = authenticatedUser(request);
      const idempotencyKey = idempotencyKeyFrom(request.headers['idempotency-key']);
      const input = normalizeCreate(request.body);
      const newTask = { userId, taskId: newId(now()), ...input };
      let task: Task;
      if (idempotencyKey === undefined) {
        task = await tasks.create(newTask);
      } else {
        const outcome = await tasks
          .createOnce(newTask, {
            idempotencyKey,
            requestHash: createRequestHash(input),
            ttlSeconds: IDEMPOTENCY_TTL_SECONDS,
          })
          .catch(refuseReusedKey);
        task = outcome.task;
        if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      }
      withEtag(reply, task).code(201).header('location', `/tasks/${task.taskId}`);
      return task;
    },
  );

  app.get(
    '/tasks/:taskId',
    {
      schema: {
        tags: TAGS,
        security: bearerAuthSecurity,
        summary: 'Get a task',
        params: TaskIdParamsSchema,
        response: { 200: TaskSchema, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => {
      const { userId } = authenticatedUser(request);
      const task = await tasks.get(userId, request.params.taskId);
      if (!task) throw new NotFoundError('task');
      withEtag(reply, task);
      return task;
    },
  );

  app.patch(
    '/tasks/:taskId',
    {
      config: { domainErrorStatus: preconditionFailedOnIfMatch },
      schema: {
        tags: TAGS,
        security: bearerAuthSecurity,
        summary: 'Update a task',
        description:
          'Changes only the fields sent. With If-Match the change applies to that version only (412 when stale); without it, a concurrent change is retried on fresh state, or answers 409.',
        headers: IfMatchHeadersSchema,
        params: TaskIdParamsSchema,
        body: UpdateTaskBodySchema,
        response: { 200: TaskSchema, ...errorResponses(400, 401, 404, 409, 412, 503) },
      },
    },
    async (request, reply) => {
      const { userId } = authenticatedUser(request);
      const expectedVersion = expectedVersionFrom(request.headers['if-match']);
      const patch = normalizePatch(request.body);
      const task = await tasks.update(userId, request.params.taskId, patch, { expectedVersion });
      withEtag(reply, task);
      return task;
    },
  );

  app.delete(
    '/tasks/:taskId',
    {
      config: { domainErrorStatus: preconditionFailedOnIfMatch },
      schema: {
        tags: TAGS,
        security: bearerAuthSecurity,
        summary: 'Delete a task',
        description:
          'With If-Match, deletes only that version (412 when stale). A completion event already recorded for the task is still delivered.',
        headers: IfMatchHeadersSchema,
        params: TaskIdParamsSchema,
        response: {
          204: { description: 'Deleted', type: 'null' },
          ...errorResponses(400, 401, 404, 409, 412, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = authenticatedUser(request);
      const expectedVersion = expectedVersionFrom(request.headers['if-match']);
      await tasks.delete(userId, request.params.taskId, { expectedVersion });
      return reply.code(204).send();
    },
  );
};

function withEtag(reply: FastifyReply, task: Task): FastifyReply {
  return reply.header('etag', etagOf(task.version));
}

/** A reused key is the client's mistake with a header, so the problem names the header. */
function refuseReusedKey(error: unknown): never {
  if (!(error instanceof IdempotencyKeyReusedError)) throw error;
  throw new HttpProblem(
    422,
    'Unprocessable Content',
    'This Idempotency-Key was already used with a different request body',
    {
      code: error.code,
      errors: [
        {
          field: IDEMPOTENCY_KEY_HEADER,
          in: 'headers',
          message: 'was already used with a different request body; use a new key',
        },
      ],
    },
    { type: problemType(error.code) },
  );
}
