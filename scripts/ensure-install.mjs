// Installs the workspace when node_modules is missing or older than the lockfile, so the
// README's two commands work on a fresh clone with nothing but Node and Java.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM = 'pnpm@10.34.9';

export function pnpmArgs(...args) {
  return ['-y', PNPM, ...args];
}

export function ensureInstalled({ force = false } = {}) {
  const marker = join(repoRoot, 'node_modules', '.modules.yaml');
  const lockfile = join(repoRoot, 'pnpm-lock.yaml');
  const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lockfile).mtimeMs;
  if (!force && !stale) return;
  console.log(`Installing dependencies with ${PNPM} (frozen lockfile)…`);
  const result = spawnSync('npx', pnpmArgs('install', '--frozen-lockfile'), {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (result.status !== 0) {
    console.error('Dependency installation failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}
