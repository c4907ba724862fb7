import { PassThrough } from 'node:stream';
import { Supervisor } from '../../src/supervisor';

function collect() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  return { stream, lines };
}

const node = (name: string, script: string) => ({
  name,
  command: process.execPath,
  args: ['-e', script],
  cwd: process.cwd(),
  env: {},
});

const LONG_LIVED = "console.log('up'); setInterval(() => {}, 1000);";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

describe('Supervisor', () => {
  test('prefixes every line with the process name, padded to the longest name', async () => {
    const { stream, lines } = collect();
    const supervisor = new Supervisor({ output: stream });
    supervisor.reserveNames(['a-long-name']);
    supervisor.start(
      node('short', "console.log('one'); console.error('two'); setInterval(() => {}, 1000);"),
    );
    await until(() => lines.length >= 2);
    expect(lines.sort()).toEqual(['short       | one', 'short       | two']);
    await supervisor.stopAll();
  });

  test('stop, start again and stopAll leave nothing running', async () => {
    const { stream } = collect();
    const supervisor = new Supervisor({ output: stream });
    supervisor.start(node('svc', LONG_LIVED));
    const [first] = supervisor.processes();
    expect(first && alive(first.pid)).toBe(true);
    await supervisor.stop('svc');
    expect(supervisor.isRunning('svc')).toBe(false);
    expect(first && alive(first.pid)).toBe(false);

    supervisor.start(node('svc', LONG_LIVED));
    expect(supervisor.isRunning('svc')).toBe(true);
    const pids = supervisor.processes().map((p) => p.pid);
    await supervisor.stopAll();
    expect(pids.some(alive)).toBe(false);
  });

  test('reports an exit it did not ask for, but not one it did', async () => {
    const exits: string[] = [];
    const supervisor = new Supervisor({
      output: collect().stream,
      onUnexpectedExit: (name, code) => exits.push(`${name}:${code}`),
    });
    supervisor.start(node('crashes', 'process.exit(3)'));
    supervisor.start(node('killed', LONG_LIVED));
    await until(() => exits.length > 0);
    await supervisor.kill('killed');
    await new Promise((r) => setTimeout(r, 100));
    expect(exits).toEqual(['crashes:3']);
    await supervisor.stopAll();
  });

  test('run() resolves with the exit code of a one-shot command', async () => {
    const { stream, lines } = collect();
    const supervisor = new Supervisor({ output: stream });
    expect(await supervisor.run(node('job', "console.log('did it'); process.exit(0)"))).toBe(0);
    expect(await supervisor.run(node('job', 'process.exit(2)'))).toBe(2);
    expect(lines).toContain('job | did it');
  });
});
