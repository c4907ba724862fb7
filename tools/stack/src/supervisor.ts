/**
 * Runs the stack's long-lived processes: prefixes every output line with the process name,
 * notices unexpected exits, and stops everything (SIGTERM, then SIGKILL) on shutdown.
 */
import { type ChildProcess, spawn } from 'node:child_process';
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
}

export class Supervisor {
  private readonly running: Supervised[] = [];
  private stopping = false;
  private readonly width: number;

  constructor(
    names: string[],
    private readonly onUnexpectedExit: (name: string, code: number | null) => void,
  ) {
    this.width = Math.max(...names.map((n) => n.length));
  }

  start(spec: ProcessSpec): void {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so Ctrl-C in the terminal reaches only us and we stop children in order.
      detached: true,
    });
    const prefix = this.prefix(spec.name);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        process.stdout.write(`${prefix} ${line}\n`);
      });
    }
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code) => {
        if (!this.stopping) this.onUnexpectedExit(spec.name, code);
        resolve(code);
      });
    });
    this.running.push({ spec, child, exited });
  }

  log(name: string, message: string): void {
    process.stdout.write(`${this.prefix(name)} ${message}\n`);
  }

  /** Stops the processes in reverse start order; each gets `graceMs` before SIGKILL. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const proc of [...this.running].reverse()) {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) continue;
      signalGroup(proc.child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(proc.child, 'SIGKILL'), graceMs);
      await proc.exited;
      clearTimeout(timer);
    }
  }

  private prefix(name: string): string {
    const index = [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % COLOURS.length;
    const label = name.padEnd(this.width);
    return process.stdout.isTTY ? `\x1b[${COLOURS[index]}m${label} |\x1b[0m` : `${label} |`;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the whole group, so wrappers such as tsx take their child down too.
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}
