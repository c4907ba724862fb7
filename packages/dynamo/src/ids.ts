import { monotonicFactory } from 'ulid';

// Monotonic so ids made in the same millisecond still sort in creation order.
const nextUlid = monotonicFactory();

/** Time-sortable id for tasks and notifications: sorting by id is sorting by creation. */
export function newId(now: Date = new Date()): string {
  return nextUlid(now.getTime());
}
