/**
 * One-shot: fails with a clear message when a data volume is not writable by uid 1000 (the
 * DynamoDB Local image's user). Being the first container to mount the fresh volume, it also
 * gives the volume this image's node-owned mount point.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain } from './retry';

runMain('check-writable', async () => {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) throw new Error('usage: check-writable <dir>...');
  for (const dir of dirs) {
    const probe = join(dir, '.write-probe');
    try {
      writeFileSync(probe, 'ok');
      rmSync(probe);
    } catch (error) {
      throw new Error(
        `${dir} is not writable by uid ${process.getuid?.() ?? '?'}; remove the volume (docker compose down -v) and start again: ${String(error)}`,
      );
    }
    process.stdout.write(`${dir} is writable\n`);
  }
});
