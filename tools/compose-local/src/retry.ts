/** Retries `attempt` until it resolves or `timeoutMs` has passed; rethrows the last error. */
export async function retryUntil<T>(
  what: string,
  attempt: () => Promise<T>,
  timeoutMs = 60_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() >= deadline) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${what} did not succeed within ${timeoutMs / 1000} s: ${reason}`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

/** Prints the error and exits 1: these are one-shot container commands. */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
