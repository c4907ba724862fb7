import { join } from 'node:path';
import { packageVersion } from '@taskmgr/config';

/** The package version, for logs and the OpenAPI document. */
export function serviceVersion(): string {
  return packageVersion(join(__dirname, '..'));
}
