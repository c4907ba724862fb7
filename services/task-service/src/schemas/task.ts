/** TypeBox schemas of the task routes; they validate requests and feed the OpenAPI document. */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { nullableResponse, PATTERN_MESSAGE } from '@taskmgr/service-kit';
import { MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH } from '../tasks/task-input';

/**
 * Accepts null as well. Ajv's `nullable` keeps one schema, so a wrong value gets the readable
 * "must be string" instead of the "must match a schema in anyOf" a union would give.
 */
function nullable<T extends TSchema>(schema: T) {
  return Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });
}

export const TaskStatusSchema = Type.Union(
  [Type.Literal('pending'), Type.Literal('in_progress'), Type.Literal('completed')],
  { description: 'pending | in_progress | completed' },
);

function dateTimeInput(description: string) {
  return Type.String({
    format: 'date-time',
    description: `RFC 3339 date-time with an offset; ${description}`,
    examples: ['2030-07-01T09:00:00+02:00'],
  });
}

const TitleInput = Type.String({
  minLength: 1,
  description: `1-${MAX_TITLE_LENGTH} characters after trimming`,
});

const DescriptionInput = nullable(
  Type.String({ maxLength: MAX_DESCRIPTION_LENGTH, description: 'null or "" clears it' }),
);

export const TaskIdParamsSchema = Type.Object(
  {
    taskId: Type.String({
      pattern: '^[0-9A-HJKMNP-TV-Z]{26}$',
      [PATTERN_MESSAGE]: 'must be a task id: 26 letters and digits, as returned by POST /tasks',
      description: 'The task id (a ULID)',
    }),
  },
  { additionalProperties: false },
);

export const CreateTaskBodySchema = Type.Object(
  {
    title: TitleInput,
    description: Type.Optional(DescriptionInput),
    status: Type.Optional(TaskStatusSchema),
    dueDate: Type.Optional(nullable(dateTimeInput('stored as UTC'))),
  },
  { additionalProperties: false },
);
export type CreateTaskBody = Static<typeof CreateTaskBodySchema>;

export const UpdateTaskBodySchema = Type.Object(
  {
    title: Type.Optional(TitleInput),
    description: Type.Optional(DescriptionInput),
    status: Type.Optional(TaskStatusSchema),
    dueDate: Type.Optional(nullable(dateTimeInput('stored as UTC; null clears it'))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTaskBody = Static<typeof UpdateTaskBodySchema>;

export const CreateTaskHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description:
        '1-255 printable ASCII characters. The same key and body within 24 h returns the original task; the same key with another body is a 422.',
    }),
  ),
});

export const IfMatchHeadersSchema = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      description: 'The ETag of the version the change applies to, e.g. "3"; stale → 412',
    }),
  ),
});

export const ListTasksQuerySchema = Type.Object(
  {
    status: Type.Optional(TaskStatusSchema),
    dueBefore: Type.Optional(dateTimeInput('tasks due strictly before this time')),
    dueAfter: Type.Optional(dateTimeInput('tasks due at or after this time')),
    sort: Type.Optional(
      Type.Union([Type.Literal('createdAt'), Type.Literal('updatedAt'), Type.Literal('dueDate')], {
        description: 'createdAt (default) | updatedAt | dueDate (undated tasks sort last)',
      }),
    ),
    order: Type.Optional(
      Type.Union([Type.Literal('asc'), Type.Literal('desc')], {
        description: 'Defaults to asc for dueDate, desc (newest first) otherwise',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 4096,
        description: 'nextCursor of the previous page, with the same filters and sort',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ListTasksQuery = Static<typeof ListTasksQuerySchema>;

const Timestamp = Type.String({ format: 'date-time', description: 'UTC, ISO-8601' });

export const TaskSchema = Type.Object(
  {
    taskId: Type.String(),
    title: Type.String(),
    description: nullableResponse(Type.String()),
    status: TaskStatusSchema,
    dueDate: nullableResponse(Timestamp),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    completedAt: nullableResponse(Timestamp),
    version: Type.Integer({ minimum: 1, description: 'Also sent as the ETag' }),
  },
  { additionalProperties: false, title: 'Task' },
);

export const TaskListSchema = Type.Object(
  {
    items: Type.Array(TaskSchema),
    nextCursor: nullableResponse(Type.String({ description: 'Opaque; null on the last page' })),
  },
  { additionalProperties: false, title: 'TaskList' },
);
