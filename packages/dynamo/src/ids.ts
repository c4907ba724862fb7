import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

// ulid's own generator draws one crypto byte per character, 16 calls into the CSPRNG per id;
// one draw per 4 KiB serves ~250 ids with the same (cryptographic) randomness.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

/** A uniform number in [0, 1) from the pooled bytes; 256 is a multiple of ulid's 32 symbols. */
function pooledRandom(): number {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return (pool[poolOffset++] as number) / 256;
}

// Monotonic so ids made in the same millisecond still sort in creation order.
const nextUlid = monotonicFactory(pooledRandom);

/** Time-sortable id for tasks and notifications: sorting by id is sorting by creation. */
export function newId(now: Date = new Date()): string {
  return nextUlid(now.getTime());
}
