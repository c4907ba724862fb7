/** Exponential backoff with full jitter, so colliding writers spread out instead of re-colliding. */

export interface BackoffOptions {
  /** Delay cap for the first retry, in ms; doubles each attempt. */
  baseDelayMs: number;
  /** Upper bound for any single delay, in ms. */
  maxDelayMs: number;
}

/** A random delay in [0, min(max, base * 2^attempt)); attempt counts from 0. */
export function jitteredDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(Math.random() * ceiling);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
