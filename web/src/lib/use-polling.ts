'use client';

import { useEffect, useRef } from 'react';

/**
 * Runs `task` now and every `intervalMs` while enabled and the tab is visible: a hidden tab
 * costs the API nothing, and coming back asks at once.
 */
export function usePolling(task: () => unknown, intervalMs: number, enabled: boolean): void {
  const latest = useRef(task);
  latest.current = task;

  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const run = () => void latest.current();
    const start = () => {
      timer ??= setInterval(run, intervalMs);
    };
    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.hidden) {
        stop();
      } else {
        run();
        start();
      }
    };
    if (!document.hidden) {
      run();
      start();
    }
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs, enabled]);
}
