export interface WaitOptions {
  timeoutMs: number;
  /** Which statuses count as up; 2xx by default. */
  accept?: (status: number) => boolean;
  /** Polled too: when it returns a reason, waiting stops with that reason. */
  failFast?: () => string | undefined;
  signal?: AbortSignal;
}

/** Polls a URL until it answers as accepted, or gives up with the last error. */
export async function waitForHttp(url: string, options: WaitOptions): Promise<void> {
  const accept = options.accept ?? ((status: number) => status >= 200 && status < 300);
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    const reason = options.failFast?.();
    if (reason) throw new Error(`${url} will not answer: ${reason}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (accept(response.status)) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${url} was not ready within ${Math.round(options.timeoutMs / 1000)} s (${last})`,
  );
}
