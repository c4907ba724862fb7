import { spawnSync } from 'node:child_process';

export interface Runner {
  /** Runs a command, inheriting stdio; throws when it fails. */
  run(command: string, args: readonly string[], options?: { input?: string; cwd?: string }): void;
  /** Runs a command and returns its stdout; undefined when it fails. */
  capture(command: string, args: readonly string[], options?: { cwd?: string }): string | undefined;
}

/** Executes for real. */
export const processRunner: Runner = {
  run(command, args, options = {}) {
    const result = spawnSync(command, args, {
      cwd: options.cwd,
      input: options.input,
      stdio: [options.input === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'],
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
    run(command, args) {
      commands.push([command, ...args].join(' '));
    },
    capture(command, args) {
      commands.push([command, ...args].join(' '));
      return answers(command, args);
    },
  };
}
