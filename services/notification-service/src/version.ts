import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package version, for logs and the OpenAPI document. */
export function serviceVersion(): string {
  // package.json sits one level above both src/ and dist/.
  const manifest: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  const version = (manifest as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}
