import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMergedDocument } from '../../src/merged-document';

const repoRoot = join(__dirname, '..', '..', '..', '..');

test('the merged document has every public route and no probe, docs or dev route', async () => {
  const document = await buildMergedDocument();
  expect(Object.keys(document.paths ?? {}).sort()).toEqual([
    '/auth/confirm',
    '/auth/login',
    '/auth/logout',
    '/auth/refresh',
    '/auth/register',
    '/notifications',
    '/notifications/read-all',
    '/notifications/unread-count',
    '/notifications/{notificationId}',
    '/notifications/{notificationId}/read',
    '/tasks',
    '/tasks/{taskId}',
    '/users/me',
  ]);
});

test('web/src/api/schema.d.ts is what the services describe now (npm run api:generate)', () => {
  // In a child process: openapi-typescript loads ES modules, which Jest's CommonJS runtime cannot.
  const generated = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'tsx'),
    [join('tools', 'openapi', 'src', 'cli.ts'), '--stdout'],
    { cwd: repoRoot, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024, timeout: 50_000 },
  );
  expect({ status: generated.status, stderr: generated.stderr }).toEqual({ status: 0, stderr: '' });
  const committed = readFileSync(join(repoRoot, 'web', 'src', 'api', 'schema.d.ts'), 'utf8');
  // On a mismatch Jest's diff shows which route or field changed.
  expect(committed).toBe(generated.stdout);
});
