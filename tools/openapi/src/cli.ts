/**
 * `npm run api:generate`: writes web/src/api/schema.d.ts; with `--json <file>`, also the merged
 * OpenAPI document itself. `--stdout` prints the types instead of writing them (the staleness
 * test compares them with the committed file).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildMergedDocument } from './merged-document';
import { generateWebSchema, WEB_SCHEMA_PATH } from './web-schema';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'string' }, stdout: { type: 'boolean', default: false } },
  });
  if (values.stdout) {
    process.stdout.write(await generateWebSchema());
    return;
  }
  if (values.json) {
    const file = resolve(values.json);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(await buildMergedDocument(), null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
  mkdirSync(dirname(WEB_SCHEMA_PATH), { recursive: true });
  writeFileSync(WEB_SCHEMA_PATH, await generateWebSchema());
  console.log(`wrote ${WEB_SCHEMA_PATH}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
