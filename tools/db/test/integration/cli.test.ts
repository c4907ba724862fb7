import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { localConfig } from '../support';

// The CLIs are thin; this checks the wiring (flags, env, exit codes) through `tsx`, as
// `pnpm db:*` runs them, from the repo root so the tsconfig paths apply.
const root = resolve(__dirname, '../../../..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(name: string, args: string[], env: Record<string, string>): Promise<Outcome> {
  const { DYNAMODB_ENDPOINT: _, DYNAMODB_TABLE_NAME: __, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(tsx, [`tools/db/src/${name}.ts`, ...args], {
      cwd: root,
      env: { ...inherited, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const config = localConfig('db-cli');
const local = {
  DYNAMODB_ENDPOINT: config.DYNAMODB_ENDPOINT ?? '',
  DYNAMODB_TABLE_NAME: config.DYNAMODB_TABLE_NAME,
};

jest.setTimeout(120_000);

test.each(['schema-load', 'seed', 'scan', 'drop'])('%s --help prints usage', async (name) => {
  const out = await cli(name, ['--help'], {});
  expect(out.code).toBe(0);
  expect(out.stdout).toContain(`Usage: pnpm db:${name}`);
  expect(out.stdout).toContain('DYNAMODB_ENDPOINT');
});

test.each(['schema-load', 'seed', 'drop'])('%s refuses real AWS with exit code 2', async (name) => {
  const out = await cli(name, [], { DYNAMODB_TABLE_NAME: config.DYNAMODB_TABLE_NAME });
  expect(out.code).toBe(2);
  expect(out.stderr).toMatch(/Refusing to .* DYNAMODB_ENDPOINT is not set.*--allow-remote/);
});

test('bad flags and bad config are explained, with exit code 2', async () => {
  const unknown = await cli('scan', ['--frobnicate'], local);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('--frobnicate');
  const mixed = await cli('seed', ['--items', '10', '--users', '2'], local);
  expect(mixed.code).toBe(2);
  expect(mixed.stderr).toContain('--items sets the total');
  const badType = await cli('scan', ['--type', 'widget'], local);
  expect(badType.stderr).toContain('--type must be one of user, email, task, notification');
  const badEndpoint = await cli('schema-load', [], { DYNAMODB_ENDPOINT: 'not a url' });
  expect(badEndpoint.code).toBe(2);
  expect(badEndpoint.stderr).toContain('DYNAMODB_ENDPOINT');
});

test('schema-load, seed, scan and drop work end to end', async () => {
  expect((await cli('schema-load', [], local)).stdout).toContain('created');
  expect((await cli('schema-load', [], local)).stdout).toContain('already exists');

  const seeded = await cli('seed', ['--users', '2', '--tasks-per-user', '5', '--seed', '9'], local);
  expect(seeded.code).toBe(0);
  expect(seeded.stdout).toContain('Seeded 30 items');
  expect(seeded.stdout).toContain('--seed 9 --now');

  const count = await cli('scan', ['--count'], local);
  expect(count.stdout).toMatch(/^total +30$/m);
  const tasks = await cli('scan', ['--type', 'task', '--limit', '3'], local);
  expect(tasks.stdout.split('\n').filter((l) => l.startsWith('TASK'))).toHaveLength(3);
  expect(tasks.stdout).toContain('Showing the first 3');

  expect((await cli('drop', [], local)).stdout).toContain('dropped');
  expect((await cli('drop', [], local)).stdout).toContain('does not exist');
});
