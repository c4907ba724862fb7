import type { ChildProcess } from 'node:child_process';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Resolves once the child has exited. Call it right after spawning: a child that dies before
 * anyone listens would otherwise never resolve.
 */
export function trackExit(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // A spawn failure (ENOENT, EACCES) emits 'error' and never 'exit'.
    child.once('error', () => resolve({ code: child.exitCode, signal: child.signalCode }));
  });
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Keeps the tail of stdout and stderr, to explain a failed start. */
export function captureOutput(child: ChildProcess, limit = 16_000): () => string {
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-limit);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  // Colours from pino-pretty and friends only make error messages harder to read.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
  return () => output.replace(/\u001b\[[0-9;]*m/g, '').trim();
}

/** SIGTERM, then SIGKILL if the child is still there after the timeout; resolves once it is gone. */
export async function stopProcess(
  child: ChildProcess,
  exited: Promise<Exit>,
  timeoutMs = 5_000,
): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Last resort for a parent that exits without calling stop() (an uncaught error, a forced
 * jest exit): the engine is killed with it instead of lingering with its port taken.
 */
export function killWithParent(child: ChildProcess, exited: Promise<Exit>): void {
  const kill = () => {
    if (!hasExited(child)) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  void exited.then(() => process.removeListener('exit', kill));
}
