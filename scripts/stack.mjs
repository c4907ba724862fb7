#!/usr/bin/env node
// `npm start`: installs the workspace if needed, then runs the local stack (tools/stack).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstalled, repoRoot } from './ensure-install.mjs';

ensureInstalled();

const child = spawn(
  join(repoRoot, 'node_modules', '.bin', 'tsx'),
  [join(repoRoot, 'tools', 'stack', 'src', 'main.ts'), ...process.argv.slice(2)],
  { cwd: repoRoot, stdio: 'inherit' },
);
// The stack stops idempotently, so a signal that also reached it directly does no harm.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
