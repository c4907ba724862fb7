import { type BackoffOptions, jitteredDelay, sleep } from '@taskmgr/dynamo';

export interface RetryOptions extends BackoffOptions {
  /** Tries in total, the first included. */
  attempts: number;
  /** False stops at once: retrying cannot help (e.g. an invalid phone number). */
  isRetryable?: (error: unknown) => boolean;
  /** Called before each try, with its 1-based number. */
  onAttempt?: (attempt: number) => void;
}

/** Runs `operation` until it succeeds or the tries run out, with jittered exponential backoff. */
export async function retryWithBackoff<T>(
  operation: () => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    options.onAttempt?.(attempt);
    try {
      return await operation();
    } catch (error) {
      const retryable = options.isRetryable?.(error) ?? true;
      if (!retryable || attempt >= options.attempts) throw error;
      await sleep(jitteredDelay(attempt - 1, options));
    }
  }
}

// Errors that mean the request itself is wrong: the same message will fail the same way.
const PERMANENT_ERROR_NAMES = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'ValidationException',
  'BadRequestException',
  'MessageRejected',
  'NotFoundException',
]);

export function isPermanentChannelError(error: unknown): boolean {
  return error instanceof Error && PERMANENT_ERROR_NAMES.has(error.name);
}

/** A short, log-safe description: the error's name and message, never a stack. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}
