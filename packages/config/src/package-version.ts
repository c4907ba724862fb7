import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The version in `<packageDir>/package.json`, for logs and OpenAPI documents; `0.0.0` without
 * one. Read at run time: package.json sits beside src/ and dist/, outside the compiled rootDir,
 * so callers pass `join(__dirname, '..')` and tsx (src) and node (dist) find the same file.
 */
export function packageVersion(packageDir: string): string {
  const manifest: unknown = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest
      ? manifest.version
      : undefined;
  return typeof version === 'string' && version ? version : '0.0.0';
}
