import { spawnSync } from 'node:child_process';

export interface RunOptions {
  readonly input?: string;
  readonly cwd?: string;
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** `stderr`: the command's output goes to stderr, when our stdout is an answer (`ci:chromium`). */
  readonly stdout?: 'inherit' | 'stderr';
}

export interface Runner {
  /** Runs a command, inheriting stdio; throws when it fails. */
  run(command: string, args: readonly string[], options?: RunOptions): void;
  /** Runs a command and returns its stdout; undefined when it fails. */
  capture(command: string, args: readonly string[], options?: { cwd?: string }): string | undefined;
}

/** One step of a plan: what `runner.run` gets. */
export interface PlannedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly options?: RunOptions;
}

export function runCommands(runner: Runner, commands: readonly PlannedCommand[]): void {
  for (const { command, args, options } of commands) runner.run(command, args, options);
}

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

function quote(word: string): string {
  return PLAIN.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command as a shell line (quoted where needed), so a printed plan can be pasted. */
export function formatCommand(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): string {
  const assignments = Object.entries(env).map(([name, value]) => `${name}=${quote(value)}`);
  return [...assignments, ...[command, ...args].map(quote)].join(' ');
}

/** Executes for real. */
export const processRunner: Runner = {
  run(command, args, options = {}) {
    const result = spawnSync(command, args, {
      cwd: options.cwd,
      input: options.input,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      stdio: [
        options.input === undefined ? 'inherit' : 'pipe',
        options.stdout === 'stderr' ? 2 : 'inherit',
        'inherit',
      ],
    });
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
    }
  },
  capture(command, args, options = {}) {
    const result = spawnSync(command, args, {
      cwd: options.cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return result.status === 0 ? result.stdout.trim() : undefined;
  },
};

/** Records what would run (`--dry-run`, and the tests); `capture` answers from `answers`. */
export function recordingRunner(
  answers: (command: string, args: readonly string[]) => string | undefined = () => undefined,
): Runner & { commands: string[] } {
  const commands: string[] = [];
  return {
    commands,
    run(command, args, options) {
      commands.push(formatCommand(command, args, options?.env));
    },
    capture(command, args) {
      commands.push(formatCommand(command, args));
      return answers(command, args);
    },
  };
}
