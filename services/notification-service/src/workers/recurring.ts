import type { WorkerLog } from '../log';

export interface RecurringRun {
  /** Stops scheduling and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `run` now and then `intervalMs` after each run ends, so runs in one process never
 * overlap (other replicas may run at the same time; the leases make that safe). A failed run is
 * logged and the next one goes ahead as scheduled.
 */
export function runRecurring(
  name: string,
  intervalMs: number,
  run: () => Promise<unknown>,
  log: WorkerLog,
): RecurringRun {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  const tick = () => {
    timer = undefined;
    current = run()
      .then(
        () => undefined,
        (error: unknown) => log.error({ err: error, worker: name }, `${name} run failed`),
      )
      .finally(() => {
        current = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
