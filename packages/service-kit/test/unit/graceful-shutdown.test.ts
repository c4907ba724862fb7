import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { get } from 'node:http';
import { join } from 'node:path';

// The fixture is a real service built with the kit, run the way a developer runs one.
const ROOT = join(__dirname, '../../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const FIXTURE = join(__dirname, '../fixtures/slow-server.ts');

jest.setTimeout(60_000);

const running = new Set<ChildProcessWithoutNullStreams>();

// A failed assertion must not leave a fixture listening.
afterEach(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  running.clear();
});

interface Fixture {
  child: ChildProcessWithoutNullStreams;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; at: number }>;
  waitForLog(msg: string | RegExp): Promise<Record<string, unknown>>;
}

function startFixture(env: Record<string, string>): Fixture {
  const child = spawn(TSX, ['--tsconfig', join(ROOT, 'tsconfig.json'), FIXTURE], {
    cwd: ROOT,
    // Debug, for the 'incoming request' line that shows a request has arrived.
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'debug', ...env },
  });
  running.add(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: Array<() => void> = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    stdout.push(...lines.filter((l) => l.length > 0));
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => {
    child.on('exit', (code) => resolve({ code, at: Date.now() }));
  });

  function findLog(msg: string | RegExp): Record<string, unknown> | undefined {
    for (const line of stdout) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      const text = String(entry.msg);
      if (typeof msg === 'string' ? text === msg : msg.test(text)) return entry;
    }
    return undefined;
  }

  async function waitForLog(msg: string | RegExp): Promise<Record<string, unknown>> {
    for (;;) {
      const found = findLog(msg);
      if (found) return found;
      if (child.exitCode !== null) {
        throw new Error(`fixture exited before logging ${msg}: ${stderr.join('')}`);
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }

  return { child, stdout, stderr, exited, waitForLog };
}

function request(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function listeningUrl(fixture: Fixture): Promise<string> {
  const line = await fixture.waitForLog(/^listening on /);
  return String(line.url);
}

describe('graceful shutdown', () => {
  it('drains an in-flight request on SIGTERM, then exits 0', async () => {
    const fixture = startFixture({ SHUTDOWN_TIMEOUT_MS: '10000' });
    const url = await listeningUrl(fixture);

    const inFlight = request(`${url}/slow?ms=1500`);
    await fixture.waitForLog('incoming request');
    const signalledAt = Date.now();
    fixture.child.kill('SIGTERM');

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ done: true, waitedMs: 1500 });

    const { code, at } = await fixture.exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(10_000);
    await fixture.waitForLog('shutdown complete');
  });

  it('turns new requests away once draining has begun', async () => {
    const fixture = startFixture({ SHUTDOWN_TIMEOUT_MS: '10000' });
    const url = await listeningUrl(fixture);
    const inFlight = request(`${url}/slow?ms=1500`);
    await fixture.waitForLog('incoming request');
    fixture.child.kill('SIGTERM');
    await fixture.waitForLog(/^shutting down/);

    // Refused or reset depending on how far server.close() has got; never served.
    const late = await request(`${url}/slow?ms=0`).then(
      (res) => `status ${res.status}`,
      (error: Error) => error.message,
    );
    expect(late).toMatch(/ECONNREFUSED|ECONNRESET|status 503/);
    expect((await inFlight).status).toBe(200);
    expect((await fixture.exited).code).toBe(0);
  });

  it('still exits, in bounded time, when a request outlives SHUTDOWN_TIMEOUT_MS', async () => {
    const fixture = startFixture({ SHUTDOWN_TIMEOUT_MS: '500' });
    const url = await listeningUrl(fixture);

    const stuck = request(`${url}/slow?ms=30000`).catch((error: Error) => error);
    await fixture.waitForLog('incoming request');
    const signalledAt = Date.now();
    fixture.child.kill('SIGTERM');

    const { code, at } = await fixture.exited;
    expect(code).not.toBe(0);
    expect(at - signalledAt).toBeLessThan(5_000);
    await fixture.waitForLog(/shutdown timed out/);
    // The connection dies with the process rather than hanging the client.
    expect(String(await stuck)).toMatch(/socket hang up|ECONNRESET/);
  });
});

describe('runService start-up', () => {
  it.each([
    ['PORT', 'abc'],
    ['NODE_ENV', 'banana'],
  ])('exits 1 naming %s when it is %p', async (variable, value) => {
    const fixture = startFixture({ [variable]: value });
    const { code } = await fixture.exited;
    expect(code).toBe(1);
    const stderr = fixture.stderr.join('');
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain(variable);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(fixture.stdout).toEqual([]);
  });
});
