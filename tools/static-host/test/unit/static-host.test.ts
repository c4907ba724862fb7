import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildStaticHostApp, IMMUTABLE, REVALIDATE, SECURITY_HEADERS } from '../../src/app';

const work = mkdtempSync(join(tmpdir(), 'static-host-'));
const root = join(work, 'public');
const SECRET = 'outside-the-root-secret';

const files: Record<string, string> = {
  'index.html': '<!doctype html><title>home</title>',
  '404.html': '<!doctype html><title>not found page</title>',
  'tasks/index.html': '<!doctype html><title>tasks</title>',
  'tasks/view/index.html': '<!doctype html><title>task view</title>',
  '_next/static/chunks/app-0123abcd.js': 'console.log("bundle")',
  'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  '.env': 'HIDDEN=1',
};

function write(relativePath: string, content: string): void {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** A request exactly as written, so no client normalises `..` or percent-escapes first. */
function rawGet(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
  });
}

let app: FastifyInstance;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  for (const [path, content] of Object.entries(files)) write(path, content);
  writeFileSync(join(work, 'secret.txt'), SECRET);
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  app = await buildStaticHostApp({ root, loggerDestination: destination });
  await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app?.close();
  rmSync(work, { recursive: true, force: true });
});

function port(): number {
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('not listening');
  return address.port;
}

describe('pages', () => {
  it('serves the root index.html with revalidation and the security headers', async () => {
    const response = await fetch(`http://127.0.0.1:${port()}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe(REVALIDATE);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(response.headers.get(name)).toBe(value);
    }
    expect(await response.text()).toBe(files['index.html']);
  });

  it("serves a nested page's index.html, with the query string the page reads", async () => {
    const tasks = await app.inject({ url: '/tasks/' });
    expect(tasks.statusCode).toBe(200);
    expect(tasks.body).toBe(files['tasks/index.html']);
    const view = await app.inject({ url: '/tasks/view/?id=01JABCDEF' });
    expect(view.statusCode).toBe(200);
    expect(view.body).toBe(files['tasks/view/index.html']);
  });

  it('redirects a folder without its trailing slash, keeping the query', async () => {
    const response = await app.inject({ url: '/tasks/view?id=42' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/tasks/view/?id=42');
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await app.inject({ method: 'HEAD', url: '/tasks/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });

  it('revalidates with the ETag: an unchanged page is a 304', async () => {
    const first = await app.inject({ url: '/' });
    const etag = first.headers.etag;
    expect(typeof etag).toBe('string');
    const again = await app.inject({ url: '/', headers: { 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
  });
});

describe('unknown paths', () => {
  it.each(['/nope', '/tasks/nope/', '/_next/static/chunks/missing.js', '/.env'])(
    '%s gets the export’s 404 page with status 404',
    async (url) => {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe(REVALIDATE);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.body).toBe(files['404.html']);
    },
  );

  it('other methods are not found either', async () => {
    const response = await app.inject({ method: 'POST', url: '/', payload: { a: 1 } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe(files['404.html']);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/tasks/..%2f..%2fsecret.txt',
    '/tasks/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
  ])('refuses to leave the root: %s', async (target) => {
    const response = await rawGet(port(), target);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain(SECRET);
  });

  it('answers plain text when the export has no 404 page', async () => {
    renameSync(join(root, '404.html'), join(work, '404.html'));
    try {
      const response = await app.inject({ url: '/nope' });
      expect(response.statusCode).toBe(404);
      expect(response.body).toBe('Not Found');
    } finally {
      renameSync(join(work, '404.html'), join(root, '404.html'));
    }
  });
});

describe('cache headers', () => {
  it('hashed bundles under _next/static/ are immutable for a year', async () => {
    const response = await app.inject({ url: '/_next/static/chunks/app-0123abcd.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(IMMUTABLE).toContain('max-age=31536000');
    expect(response.headers['content-type']).toMatch(/^application\/javascript/);
  });

  it('everything else is revalidated', async () => {
    for (const url of ['/icon.svg', '/tasks/', '/tasks']) {
      const response = await app.inject({ url });
      expect({ url, cache: response.headers['cache-control'] }).toEqual({
        url,
        cache: REVALIDATE,
      });
    }
  });
});

describe('health', () => {
  it('is live, and ready while the root has index.html', async () => {
    const live = await app.inject({ url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    expect(live.headers['cache-control']).toBe('no-store');
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
  });

  it('is not ready without index.html', async () => {
    renameSync(join(root, 'index.html'), join(work, 'index.html'));
    try {
      const ready = await app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'fail' });
      expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    } finally {
      renameSync(join(work, 'index.html'), join(root, 'index.html'));
    }
  });
});

describe('logging', () => {
  it('logs one line per request, with the path but not the query', async () => {
    logLines.length = 0;
    await app.inject({ url: '/tasks/view/?id=secret-ish-id' });
    await app.inject({ url: '/health/ready' });
    const completed = logLines.filter((l) => l.msg === 'request completed');
    // Probes are not logged: they come every few seconds.
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      service: 'web',
      req: { method: 'GET', url: '/tasks/view/' },
      res: { statusCode: 200 },
    });
    expect(JSON.stringify(logLines)).not.toContain('secret-ish-id');
  });
});

describe('the server entry', () => {
  it('refuses to start on a WEB_ROOT that is not a folder, naming the variable', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '..', '..', 'src', 'server.ts')],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, WEB_ROOT: join(work, 'missing'), PORT: '0' },
        timeout: 20_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('WEB_ROOT');
    expect(result.stderr).toContain('is not a folder');
  });
});
