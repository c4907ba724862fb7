import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINER_PORT, services } from '@taskmgr/route-table';
import { deployableImages, localOnlyImages } from '../../src/images';
import { repoRoot } from '../../src/settings';
import {
  argsOf,
  copiesOf,
  envOf,
  execForm,
  healthcheckOf,
  indexOf,
  instructionsOf,
  parseDockerfile,
  runCommand,
  runCommandsOf,
  userOf,
} from '../support/dockerfile';
import { loadDockerignore } from '../support/dockerignore';

const PINNED = /^node:(\d+)\.\d+\.\d+-(bookworm|trixie)-slim@sha256:[0-9a-f]{64}$/;
const NODE_LTS_MAJORS = [22, 24];
const isIgnored = loadDockerignore(join(repoRoot, '.dockerignore'));

const DEPLOY_OUTPUT = ['/out/dist', '/out/node_modules', '/out/package.json'];
const webImage = localOnlyImages[2];

const images = [
  // The deployed services run without Maglev (less memory in the 512 MiB task) and without the
  // memory reducer (no slow seconds after an idle pause); see a Dockerfile.
  ...deployableImages.map((i) => ({
    ...i,
    cmd: ['node', '--no-maglev', '--no-memory-reducer', 'dist/server.js'],
    port: CONTAINER_PORT,
  })),
  { ...localOnlyImages[0], cmd: ['node', 'dist/server.js'], port: 8080 },
  { ...localOnlyImages[1], cmd: ['node', 'dist/cognito-local.js'], port: 9229 },
  {
    ...webImage,
    cmd: ['node', 'dist/server.js'],
    port: 3000,
    // The export is built too, and shipped next to the host's deploy output.
    alsoBuilt: ['@taskmgr/web'],
    alsoShipped: ['/out/public'],
  },
].map((image) => ({ alsoBuilt: [] as string[], alsoShipped: [] as string[], ...image }));

describe.each(images)('$dockerfile', (image) => {
  const dockerfile = parseDockerfile(join(repoRoot, image.dockerfile));
  const { runtime } = dockerfile;
  const manifest = JSON.parse(readFileSync(join(repoRoot, image.dir, 'package.json'), 'utf8')) as {
    name: string;
  };

  it('is multi-stage, every FROM a current Node LTS pinned by version and digest', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages) {
      const ref = stage.from.getImage() ?? '';
      const match = PINNED.exec(ref);
      expect(match).not.toBeNull();
      expect(NODE_LTS_MAJORS).toContain(Number(match?.[1]));
    }
    const bases = new Set(dockerfile.stages.map((s) => s.from.getImage()));
    expect(bases.size).toBe(1);
  });

  it('builds the package and ships only its production deploy output', () => {
    const runs = runCommandsOf(dockerfile.stages[0] ?? runtime);
    expect(runs).toContain('npm install --global pnpm@10.34.9');
    expect(runs).toContain('pnpm fetch --frozen-lockfile');
    const filters = [...image.alsoBuilt, manifest.name].map((name) => `--filter "${name}..."`);
    expect(runs).toContain(
      `pnpm install --frozen-lockfile --offline ${filters.join(' ')} --filter task-management-platform`,
    );
    for (const name of [...image.alsoBuilt, manifest.name]) {
      expect(runs).toContain(`pnpm --filter "${name}" run build`);
    }
    expect(manifest.name).toBe(image.packageName);
    expect(runs).toContain(
      `pnpm --config.inject-workspace-packages=true --filter "${manifest.name}" deploy --prod --offline /out`,
    );
    const fromBuild = copiesOf(runtime).filter((c) => c.fromStage !== undefined);
    expect(fromBuild.flatMap((c) => c.sources).sort()).toEqual(
      [...DEPLOY_OUTPUT, ...image.alsoShipped].sort(),
    );
    expect(copiesOf(runtime).every((c) => c.fromStage === dockerfile.stages[0]?.name)).toBe(true);
  });

  it('copies only files that exist in the build context', () => {
    for (const copy of dockerfile.stages.flatMap(copiesOf)) {
      if (copy.fromStage) continue;
      for (const source of copy.sources) {
        expect({ source, exists: existsSync(join(repoRoot, source)) }).toEqual({
          source,
          exists: true,
        });
        if (source !== '.')
          expect({ source, ignored: isIgnored(source) }).toEqual({ source, ignored: false });
      }
    }
    // What CMD runs is compiled from a source file that exists.
    const entry =
      image.cmd
        .at(-1)
        ?.replace(/^dist\//, 'src/')
        .replace(/\.js$/, '.ts') ?? '';
    expect(existsSync(join(repoRoot, image.dir, entry))).toBe(true);
  });

  it('runs as a non-root user', () => {
    const user = userOf(runtime);
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    // Nothing after USER may switch back.
    expect(instructionsOf(runtime, 'USER')).toHaveLength(1);
  });

  it('has an exec-form CMD and no ENTRYPOINT, so SIGTERM reaches node', () => {
    const cmds = instructionsOf(runtime, 'CMD');
    expect(cmds).toHaveLength(1);
    expect(execForm(cmds[0] as (typeof cmds)[number])).toEqual(image.cmd);
    expect(instructionsOf(runtime, 'ENTRYPOINT')).toHaveLength(0);
  });

  it('has an exec-form HEALTHCHECK on its own port', () => {
    const healthcheck = healthcheckOf(runtime);
    expect(healthcheck?.command?.[0]).toBe('node');
    const script = healthcheck?.command?.join(' ') ?? '';
    expect(script).toContain(String(image.port));
    if (image.port !== 9229) expect(script).toContain('/health/live');
    expect(Object.keys(healthcheck?.flags ?? {}).sort()).toEqual([
      'interval',
      'retries',
      'start-period',
      'timeout',
    ]);
  });

  it('sets the environment the image needs and nothing secret', () => {
    const env = envOf(runtime);
    expect(env.HOST).toBe('0.0.0.0');
    expect(Object.keys(env).some((k) => /SECRET|PASSWORD|KEY/.test(k))).toBe(false);
    expect(instructionsOf(runtime, 'EXPOSE')[0]?.getArgumentsContent()).toBe(String(image.port));
  });
});

describe('web/Dockerfile: the export', () => {
  const dockerfile = parseDockerfile(join(repoRoot, webImage.dockerfile));
  const build = dockerfile.stages[0] ?? dockerfile.runtime;
  const runIndex = (command: string) =>
    indexOf(build, (i) => i.getKeyword() === 'RUN' && runCommand(i) === command);

  it('bakes in the gateway as the browser sees it under compose, and the poll interval', () => {
    const args = Object.fromEntries(argsOf(build).map((a) => [a.name, a.value]));
    expect(args).toEqual({
      NEXT_PUBLIC_API_BASE_URL: 'http://localhost:8080',
      NEXT_PUBLIC_NOTIFICATION_POLL_MS: '30000',
    });
  });

  it('declares the build args after the install, so a new URL rebuilds only the export', () => {
    const install = indexOf(build, (i) =>
      (i.getArgumentsContent() ?? '').startsWith('pnpm install'),
    );
    const webBuild = runIndex('pnpm --filter "@taskmgr/web" run build');
    expect(install).toBeGreaterThanOrEqual(0);
    expect(webBuild).toBeGreaterThan(install);
    for (const arg of argsOf(build)) {
      expect(arg.index).toBeGreaterThan(install);
      expect(arg.index).toBeLessThan(webBuild);
    }
  });

  it('puts the export next to the deploy output, after the deploy', () => {
    const deploy = runIndex(
      'pnpm --config.inject-workspace-packages=true --filter "@taskmgr/static-host" deploy --prod --offline /out',
    );
    const copy = runIndex('cp -R web/out /out/public');
    expect(deploy).toBeGreaterThanOrEqual(0);
    expect(copy).toBeGreaterThan(deploy);
  });

  it('runs in production on port 3000, serving the default web root ./public', () => {
    expect(envOf(dockerfile.runtime)).toEqual({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '3000',
    });
    expect(instructionsOf(dockerfile.runtime, 'WORKDIR')[0]?.getArgumentsContent()).toBe('/app');
    const publicCopy = copiesOf(dockerfile.runtime).find((c) => c.sources.includes('/out/public'));
    expect(publicCopy?.destination).toBe('./public');
  });
});

describe('deployable images', () => {
  it('are exactly the services of the route table, with production defaults', () => {
    expect(deployableImages.map((i) => i.name).sort()).toEqual(
      Object.values(services)
        .map((s) => s.name)
        .sort(),
    );
    for (const image of deployableImages) {
      const env = envOf(parseDockerfile(join(repoRoot, image.dockerfile)).runtime);
      expect(env).toEqual({
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        PORT: String(CONTAINER_PORT),
        NODE_OPTIONS: expect.any(String),
        MALLOC_ARENA_MAX: '2',
      });
    }
  });

  it('cap the V8 heap well inside the smallest task (512 MiB), the same for every service', () => {
    const options = deployableImages.map(
      (image) => envOf(parseDockerfile(join(repoRoot, image.dockerfile)).runtime).NODE_OPTIONS,
    );
    expect(new Set(options).size).toBe(1);
    const flags = Object.fromEntries(
      (options[0] ?? '').split(' ').map((flag) => {
        const [name, value] = flag.split('=');
        return [name, Number(value)];
      }),
    );
    const oldSpace = flags['--max-old-space-size'] ?? Number.NaN;
    const semiSpace = flags['--max-semi-space-size'] ?? Number.NaN;
    expect(Object.keys(flags).sort()).toEqual(['--max-old-space-size', '--max-semi-space-size']);
    // The young generation is three semi-spaces at most; the rest of the task is native memory.
    expect(oldSpace + 3 * semiSpace).toBeLessThanOrEqual(512 / 2);
    expect(oldSpace).toBeGreaterThanOrEqual(128);
  });

  it('.dockerignore keeps out dependencies, build output, data and secrets', () => {
    for (const path of [
      'node_modules/x',
      'services/user-service/node_modules/fastify/package.json',
      'services/user-service/dist/server.js',
      'packages/dynamo/dist/index.js',
      '.local-data/dynamodb/shared-local-instance.db',
      'artifacts/test-reports/junit-unit.xml',
      'infra/cdk.out/manifest.json',
      '.git/HEAD',
      '.env',
      '.env.production',
      'packages/local-engines/.cognito/db/clients.json',
      'packages/dynamo/tsconfig.build.tsbuildinfo',
    ]) {
      expect({ path, ignored: isIgnored(path) }).toEqual({ path, ignored: true });
    }
    // The web image builds its export itself: a local build (or dev server cache) stays out.
    for (const path of ['web/out/index.html', 'web/.next/cache/x', 'web/tsconfig.tsbuildinfo']) {
      expect({ path, ignored: isIgnored(path) }).toEqual({ path, ignored: true });
    }
    for (const path of [
      'services/user-service/src/server.ts',
      'pnpm-lock.yaml',
      '.npmrc',
      '.env.example',
      'web/package.json',
      'web/next.config.ts',
      'web/next-env.d.ts',
      'web/tsconfig.json',
      'web/src/lib/config.ts',
      'tools/static-host/src/server.ts',
      'tools/static-host/tsconfig.build.json',
    ]) {
      expect({ path, ignored: isIgnored(path) }).toEqual({ path, ignored: false });
    }
  });
});
