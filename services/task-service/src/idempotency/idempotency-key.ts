import { validationProblem } from '../http/problems';

/** How long a key is remembered: a retry within this window replays the first result. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

// Printable ASCII; Node already refuses control characters in header values.
const KEY = /^[\x20-\x7e]{1,255}$/;

/** The client's Idempotency-Key, undefined without one; a malformed key is a 400. */
export function idempotencyKeyFrom(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header === 'string' && KEY.test(header)) return header;
  throw validationProblem([
    {
      field: IDEMPOTENCY_KEY_HEADER,
      in: 'headers',
      message: 'must be 1-255 printable ASCII characters, sent once',
    },
  ]);
}
