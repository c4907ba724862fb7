/**
 * The container without a container engine: each service's deploy output is built with the
 * Dockerfile's own build commands, then started with the Dockerfile's CMD and ENV from a
 * read-only working directory, the way the image runs on ECS (read-only root filesystem,
 * writable /tmp only). Readiness is checked against DynamoDB Local, then SIGTERM must end the
 * process cleanly well inside ECS's 30 s stop timeout.
 *
 * Not covered without an engine: the base image itself (this runs the host's Node 20, the image
 * Node 24), the `pnpm fetch`/`pnpm install` layers (the workspace here is installed from the same
 * lockfile), file ownership and the HEALTHCHECK.
 *
 * The web image is built further still: its build stage writes web/out and web/.next, which the
 * browser tests and `next dev` use, so every RUN line after `pnpm fetch` runs in a copy of the
 * build context (the repository minus .dockerignore), `pnpm install --offline` included, with
 * the Dockerfile's build args. That costs a full `next build` (about 30 s on two cores); the
 * browser tests' export cannot stand in for it, since it bakes in another API URL.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { deployableImages, localOnlyImages } from '../../src/images';
import { repoRoot } from '../../src/settings';
import {
  argsOf,
  envOf,
  execForm,
  instructionsOf,
  parseDockerfile,
  runCommandsOf,
} from '../support/dockerfile';
import { loadDockerignore } from '../support/dockerignore';

const STOP_TIMEOUT_MS = 30_000;
const PNPM = ['-y', 'pnpm@10.34.9'];

/** Splits a RUN line into words, honouring double quotes (all the Dockerfiles use). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** The build and deploy RUN lines of the build stage, with /out pointed at `outDir`. */
function buildSteps(dockerfile: string, outDir: string): string[][] {
  const parsed = parseDockerfile(dockerfile);
  const build = parsed.stages[0];
  if (!build) throw new Error(`${dockerfile}: no build stage`);
  // fetch/install are the workspace install this repository already has, from the same lockfile.
  const steps = runCommandsOf(build)
    .map(words)
    .filter((w) => w[0] === 'pnpm' && (w.includes('build') || w.includes('deploy')));
  expect(steps).toHaveLength(2);
  return steps.map((w) => w.slice(1).map((word) => (word === '/out' ? outDir : word)));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

/**
 * The image runs as `USER node`, not root, over files it cannot write. Root ignores permission
 * bits, so under root the process is started as `nobody` instead.
 */
const RUN_AS = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(cmd: string[], cwd: string, env: NodeJS.ProcessEnv): Started {
  const [command, ...args] = cmd;
  if (command !== 'node') throw new Error(`CMD must start with node, got ${command}`);
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    ...RUN_AS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function waitForReady(url: string, started: Started, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) break;
    try {
      const response = await fetch(url);
      last = response.status;
      if (response.ok) return last;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready (last status ${last}):\n${started.output()}`);
}

/** Production configuration a service accepts without reaching AWS at start-up. */
const PRODUCTION_TEST_ENV: Record<string, string> = {
  COGNITO_USER_POOL_ID: 'us-east-1_ContainerTest1',
  COGNITO_CLIENT_ID: 'containertestclient',
  CURSOR_SECRET: 'container-test-cursor-secret-0123456789abcdef',
  SNS_TOPIC_TASK_DUE_EMAIL_ARN: 'arn:aws:sns:us-east-1:111122223333:due-email',
  SNS_TOPIC_TASK_DUE_SMS_ARN: 'arn:aws:sns:us-east-1:111122223333:due-sms',
  SNS_TOPIC_TASK_COMPLETED_EMAIL_ARN: 'arn:aws:sns:us-east-1:111122223333:completed-email',
  SNS_TOPIC_TASK_COMPLETED_SMS_ARN: 'arn:aws:sns:us-east-1:111122223333:completed-sms',
  LOG_LEVEL: 'warn',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

describe.each(deployableImages)('$name, run as its image runs', (image) => {
  const dockerfile = join(repoRoot, image.dockerfile);
  const work = mkdtempSync(join(tmpdir(), `container-${image.name}-`));
  const outDir = join(work, 'app');
  const scratch = join(work, 'tmp');
  let table: TestTable;

  beforeAll(async () => {
    for (const args of buildSteps(dockerfile, outDir)) {
      const result = spawnSync('npx', [...PNPM, ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, npm_config_update_notifier: 'false' },
      });
      if (result.status !== 0)
        throw new Error(`pnpm ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
    }
    // The read-only root filesystem: nothing under the app may be written; /tmp is the one
    // writable place (here HOME and TMPDIR point at it).
    spawnSync('chmod', ['-R', 'a-w', outDir]);
    spawnSync('chmod', ['a+rx', work]);
    spawnSync('mkdir', ['-p', scratch]);
    spawnSync('chmod', ['1777', scratch]);
    table = await createTestTable(`container-${image.id}`);
  }, 240_000);

  afterAll(async () => {
    await table?.destroy();
    spawnSync('chmod', ['-R', 'u+w', work]);
    rmSync(work, { recursive: true, force: true });
  });

  it('cannot write to its own files', () => {
    const probe = spawnSync(process.execPath, ['-e', "require('fs').writeFileSync('probe', 'x')"], {
      cwd: outDir,
      ...RUN_AS,
    });
    expect(probe.status).not.toBe(0);
  });

  it('ships only the runtime: dist, production node_modules and package.json', () => {
    expect(existsSync(join(outDir, 'dist', 'server.js'))).toBe(true);
    expect(existsSync(join(outDir, 'node_modules', 'fastify'))).toBe(true);
    expect(
      existsSync(join(outDir, 'node_modules', '@taskmgr', 'service-kit', 'dist', 'index.js')),
    ).toBe(true);
    // Dev dependencies (test fixtures, local engines, tooling) stay out.
    for (const dev of [
      '@taskmgr/test-support',
      '@taskmgr/local-engines',
      'typescript',
      'jest',
      'aws-sdk-client-mock',
    ]) {
      expect({ dev, shipped: existsSync(join(outDir, 'node_modules', dev)) }).toEqual({
        dev,
        shipped: false,
      });
    }
  });

  it('starts with the CMD from a read-only directory, is ready on DynamoDB Local, and stops cleanly on SIGTERM', async () => {
    const runtime = parseDockerfile(dockerfile).runtime;
    const cmd = execForm(
      instructionsOf(runtime, 'CMD')[0] as ReturnType<typeof instructionsOf>[number],
    );
    if (!cmd) throw new Error('no exec-form CMD');
    const port = await freePort();
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: scratch,
      TMPDIR: scratch,
      ...envOf(runtime),
      ...PRODUCTION_TEST_ENV,
      PORT: String(port),
      HOST: '127.0.0.1',
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: endpoint,
      DYNAMODB_TABLE_NAME: table.tableName,
    };
    expect(env.NODE_ENV).toBe('production');

    const started = start(cmd, outDir, env);
    try {
      expect(await waitForReady(`http://127.0.0.1:${port}/health/ready`, started, 30_000)).toBe(
        200,
      );
      const live = await fetch(`http://127.0.0.1:${port}/health/live`);
      expect(live.status).toBe(200);

      const stopAt = Date.now();
      started.child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS),
      );
      const result = await Promise.race([started.exited, timeout]);
      const stoppedInMs = Date.now() - stopAt;
      expect({
        result,
        output: result === 'timeout' || result.code !== 0 ? started.output() : '',
      }).toEqual({
        result: { code: 0, signal: null },
        output: '',
      });
      // Well inside the stop timeout, not just under it.
      expect(stoppedInMs).toBeLessThan(STOP_TIMEOUT_MS / 3);
    } finally {
      if (started.child.exitCode === null) started.child.kill('SIGKILL');
    }
  }, 60_000);
});

/** The build context as the engine receives it: the repository minus what .dockerignore says. */
function copyBuildContext(target: string): void {
  const isIgnored = loadDockerignore(join(repoRoot, '.dockerignore'));
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (isIgnored(path)) continue;
      if (entry.isDirectory()) {
        mkdirSync(join(target, path), { recursive: true });
        walk(path);
      } else if (entry.isFile()) {
        copyFileSync(join(repoRoot, path), join(target, path));
      }
    }
  };
  walk('');
}

/** Files under `dir` (recursively) whose content includes `text`. */
function filesContaining(dir: string, text: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => readFileSync(file, 'utf8').includes(text));
}

describe('web, run as its image runs', () => {
  const image = localOnlyImages.find((i) => i.name === 'web');
  if (!image) throw new Error('no web image');
  const dockerfile = parseDockerfile(join(repoRoot, image.dockerfile));
  const build = dockerfile.stages[0];
  if (!build) throw new Error(`${image.dockerfile}: no build stage`);
  const buildArgs = Object.fromEntries(
    argsOf(build).flatMap((a) => (a.value === undefined ? [] : [[a.name, a.value]])),
  );
  // Made in beforeAll, so a run that skips these tests leaves nothing behind.
  let work = '';
  let outDir = '';
  let scratch = '';

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'container-web-'));
    outDir = join(work, 'app');
    scratch = join(work, 'tmp');
    const context = join(work, 'repo');
    mkdirSync(context);
    copyBuildContext(context);
    const runs = runCommandsOf(build).map(words);
    // pnpm itself comes from npx; the store already holds what the lockfile names (this
    // workspace was installed from it), which is what `pnpm fetch` would leave there.
    const steps = runs.filter(
      (w) => !(w[0] === 'npm' && w.includes('--global')) && !(w[0] === 'pnpm' && w[1] === 'fetch'),
    );
    expect(steps.map((w) => w[0])).toEqual(['pnpm', 'pnpm', 'pnpm', 'pnpm', 'cp']);
    for (const step of steps) {
      const [command, ...rest] = step.map((word) =>
        word === '/out' || word.startsWith('/out/') ? outDir + word.slice('/out'.length) : word,
      );
      const [file, args] = command === 'pnpm' ? ['npx', [...PNPM, ...rest]] : [command, rest];
      const result = spawnSync(file ?? '', args, {
        cwd: context,
        encoding: 'utf8',
        env: {
          ...process.env,
          ...envOf(build),
          ...buildArgs,
          npm_config_update_notifier: 'false',
        },
      });
      if (result.status !== 0)
        throw new Error(`${step.join(' ')} failed:\n${result.stdout}${result.stderr}`);
    }
    spawnSync('chmod', ['-R', 'a-w', outDir]);
    spawnSync('chmod', ['a+rx', work]);
    spawnSync('mkdir', ['-p', scratch]);
    spawnSync('chmod', ['1777', scratch]);
  }, 600_000);

  afterAll(() => {
    if (!work) return;
    spawnSync('chmod', ['-R', 'u+w', work]);
    rmSync(work, { recursive: true, force: true });
  });

  it('ships the host (dist, production node_modules) and the export, nothing to build with', () => {
    for (const path of [
      'dist/server.js',
      'node_modules/fastify',
      'node_modules/@fastify/static',
      'node_modules/@taskmgr/config/dist/index.js',
      'public/index.html',
      'public/404.html',
      'public/tasks/index.html',
    ]) {
      expect({ path, shipped: existsSync(join(outDir, path)) }).toEqual({ path, shipped: true });
    }
    for (const path of ['next', 'react', 'typescript', '@taskmgr/web', 'jest']) {
      expect({ path, shipped: existsSync(join(outDir, 'node_modules', path)) }).toEqual({
        path,
        shipped: false,
      });
    }
  });

  it("bakes the build arg's API URL into the export", () => {
    expect(buildArgs.NEXT_PUBLIC_API_BASE_URL).toBe('http://localhost:8080');
    const chunks = filesContaining(join(outDir, 'public', '_next', 'static'), 'localhost:8080');
    expect(chunks.length).toBeGreaterThan(0);
  });

  it('cannot write to its own files', () => {
    const probe = spawnSync(process.execPath, ['-e', "require('fs').writeFileSync('probe', 'x')"], {
      cwd: outDir,
      ...RUN_AS,
    });
    expect(probe.status).not.toBe(0);
  });

  it('starts with the CMD from a read-only directory, serves the app, and stops cleanly on SIGTERM', async () => {
    const runtime = dockerfile.runtime;
    const cmd = execForm(
      instructionsOf(runtime, 'CMD')[0] as ReturnType<typeof instructionsOf>[number],
    );
    if (!cmd) throw new Error('no exec-form CMD');
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: scratch,
      TMPDIR: scratch,
      ...envOf(runtime),
      PORT: String(port),
      HOST: '127.0.0.1',
    };
    expect(env.NODE_ENV).toBe('production');
    const base = `http://127.0.0.1:${port}`;

    const started = start(cmd, outDir, env);
    try {
      expect(await waitForReady(`${base}/health/ready`, started, 30_000)).toBe(200);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);

      const home = await fetch(`${base}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await home.text();
      expect(html).toBe(readFileSync(join(outDir, 'public', 'index.html'), 'utf8'));
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      // A bundle the page loads, cached for good.
      const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const bundle = await fetch(`${base}${script}`);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

      expect((await fetch(`${base}/tasks/`)).status).toBe(200);
      const missing = await fetch(`${base}/no-such-page/`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toBe(readFileSync(join(outDir, 'public', '404.html'), 'utf8'));

      const stopAt = Date.now();
      started.child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS),
      );
      const result = await Promise.race([started.exited, timeout]);
      expect({
        result,
        output: result === 'timeout' || result.code !== 0 ? started.output() : '',
      }).toEqual({ result: { code: 0, signal: null }, output: '' });
      expect(Date.now() - stopAt).toBeLessThan(STOP_TIMEOUT_MS / 3);
    } finally {
      if (started.child.exitCode === null) started.child.kill('SIGKILL');
    }
  }, 60_000);
});
