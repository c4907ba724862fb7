import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Emitted by the task service, atomically with the write that moves a task to `completed`;
 * consumed by the notification service. A breaking change gets a new version number and both
 * versions are accepted until every producer has moved on.
 */
// A pattern rather than `format`, so validation needs no format registry.
const IsoDateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
});

export const TaskCompletedEventV1Schema = Type.Object(
  {
    type: Type.Literal('task.completed'),
    version: Type.Literal(1),
    /** Unique per completion; consumers use it to deduplicate. */
    eventId: Type.String({ minLength: 1 }),
    occurredAt: IsoDateTime,
    userId: Type.String({ minLength: 1 }),
    taskId: Type.String({ minLength: 1 }),
    title: Type.String(),
    completedAt: IsoDateTime,
  },
  { additionalProperties: false, $id: 'TaskCompletedEventV1' },
);

export type TaskCompletedEventV1 = Static<typeof TaskCompletedEventV1Schema>;

/** Every event the platform exchanges; grows as new types or versions appear. */
export type DomainEvent = TaskCompletedEventV1;

export class InvalidEventError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid event: ${problems.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

/** Validates an event read from storage before a consumer acts on it. */
export function parseDomainEvent(value: unknown): DomainEvent {
  if (Value.Check(TaskCompletedEventV1Schema, value)) return value;
  const problems = [...Value.Errors(TaskCompletedEventV1Schema, value)].map(
    (e) => `${e.path || '/'} ${e.message}`,
  );
  throw new InvalidEventError(problems);
}

export function taskCompletedEvent(
  input: Omit<TaskCompletedEventV1, 'type' | 'version'>,
): TaskCompletedEventV1 {
  return { type: 'task.completed', version: 1, ...input };
}
