/**
 * Runs the stack's processes: prefixes every output line with the process name, notices
 * unexpected exits, stops and restarts one process on request, and stops everything (SIGTERM,
 * then SIGKILL) on shutdown. Each child leads its own process group, so Ctrl-C in the terminal
 * reaches only the stack, which then stops the children in order, wrappers (tsx) included.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';

const COLOURS = [36, 35, 33, 32, 34, 31];

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

interface Supervised {
  spec: ProcessSpec;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Set when we asked it to stop, so its exit is not reported as a crash. */
  stopRequested: boolean;
}

export interface SupervisorOptions {
  /** Where prefixed lines go; colours only when it is a terminal. */
  output?: NodeJS.WritableStream & { isTTY?: boolean };
  /**
   * Instead of `output`: the children write straight into this file (appending), unprefixed
   * (each JSON log line names its service) and at no cost to this process, which matters
   * when a benchmark runs beside it.
   */
  logFile?: string;
  onUnexpectedExit?: (name: string, code: number | null) => void;
}

export class Supervisor {
  private readonly supervised = new Map<string, Supervised>();
  private readonly output: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly logFd: number | undefined;
  private readonly onUnexpectedExit: (name: string, code: number | null) => void;
  private width = 0;
  private stopping = false;

  constructor(options: SupervisorOptions = {}) {
    this.output = options.output ?? process.stdout;
    this.logFd = options.logFile ? openSync(options.logFile, 'a') : undefined;
    this.onUnexpectedExit =
      options.onUnexpectedExit ??
      ((name, code) => this.log(name, `exited unexpectedly (code ${code})`));
    // Last resort when the stack itself dies without stopping: nothing may outlive it.
    process.once('exit', () => {
      for (const proc of this.supervised.values()) signalGroup(proc.child, 'SIGKILL');
    });
  }

  /** Sizes the name column so every prefix lines up. */
  reserveNames(names: string[]): void {
    this.width = Math.max(this.width, ...names.map((n) => n.length));
  }

  /** Starts a long-lived process; a previous one of the same name must have exited. */
  start(spec: ProcessSpec): void {
    if (this.stopping) throw new Error(`the stack is stopping; ${spec.name} was not started`);
    const existing = this.supervised.get(spec.name);
    if (existing && isRunning(existing.child)) throw new Error(`${spec.name} is already running`);
    const { child, exited } = this.spawnPrefixed(spec);
    const supervised: Supervised = { spec, child, exited, stopRequested: false };
    void exited.then((code) => {
      if (!this.stopping && !supervised.stopRequested) this.onUnexpectedExit(spec.name, code);
    });
    this.supervised.set(spec.name, supervised);
  }

  /** Runs a one-shot command with prefixed output; resolves with its exit code. */
  run(spec: ProcessSpec): Promise<number | null> {
    return this.spawnPrefixed(spec).exited;
  }

  isRunning(name: string): boolean {
    const proc = this.supervised.get(name);
    return proc !== undefined && isRunning(proc.child);
  }

  specOf(name: string): ProcessSpec | undefined {
    return this.supervised.get(name)?.spec;
  }

  /** Each long-lived process by name (the latest one started under that name). */
  processes(): { name: string; pid: number }[] {
    return [...this.supervised.values()].flatMap((p) =>
      p.child.pid ? [{ name: p.spec.name, pid: p.child.pid }] : [],
    );
  }

  /** Stops one process: SIGTERM to its group, SIGKILL after `graceMs`. */
  async stop(name: string, graceMs = 10_000): Promise<void> {
    const proc = this.supervised.get(name);
    if (!proc) return;
    proc.stopRequested = true;
    await terminate(proc, graceMs);
  }

  /** SIGKILL, no draining: a crash, for resilience tests. */
  async kill(name: string): Promise<void> {
    const proc = this.supervised.get(name);
    if (!proc || !isRunning(proc.child)) return;
    proc.stopRequested = true;
    signalGroup(proc.child, 'SIGKILL');
    await proc.exited;
  }

  /** Stops everything in reverse start order. */
  async stopAll(graceMs = 10_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const proc of [...this.supervised.values()].reverse()) await terminate(proc, graceMs);
    if (this.logFd !== undefined) closeSync(this.logFd);
  }

  log(name: string, message: string): void {
    const line = `${this.prefix(name)} ${message}\n`;
    if (this.logFd === undefined) this.output.write(line);
    else if (!this.stopping) writeSync(this.logFd, line);
  }

  private spawnPrefixed(spec: ProcessSpec): {
    child: ChildProcess;
    exited: Promise<number | null>;
  } {
    this.reserveNames([spec.name]);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio:
        this.logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', this.logFd, this.logFd],
      detached: true,
    });
    const prefix = this.prefix(spec.name);
    for (const stream of this.logFd === undefined ? [child.stdout, child.stderr] : []) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        this.output.write(`${prefix} ${line}\n`);
      });
    }
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      // A spawn failure (ENOENT) emits 'error' and never 'exit'.
      child.once('error', (error) => {
        this.log(spec.name, `could not start: ${error.message}`);
        resolve(null);
      });
    });
    return { child, exited };
  }

  private prefix(name: string): string {
    const index = [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % COLOURS.length;
    const label = name.padEnd(this.width);
    return this.output.isTTY ? `\x1b[${COLOURS[index]}m${label} |\x1b[0m` : `${label} |`;
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null && child.pid !== undefined;
}

async function terminate(proc: Supervised, graceMs: number): Promise<void> {
  if (!isRunning(proc.child)) return;
  signalGroup(proc.child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(proc.child, 'SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(timer);
  // The wrapper (tsx) may exit before the process it wraps: make sure the group is gone.
  signalGroup(proc.child, 'SIGKILL');
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the whole group, so wrappers such as tsx take their child down too.
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
