/**
 * One-shot: bootstraps the user pool and app client in the compose stack's cognito-local (the
 * same find-or-create code the no-Docker stack uses, so re-runs against the same data volume
 * return the same ids) and writes the ids for the services to read.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bootstrapUserPool } from '@taskmgr/local-engines';
import { DEFAULT_COGNITO_ENV_FILE, formatEnvFile } from './env-file';
import { requiredEnv, retryUntil, runMain } from './retry';

runMain('cognito-init', async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const endpoint = requiredEnv('COGNITO_ENDPOINT');
  const file = process.env.COGNITO_ENV_FILE ?? DEFAULT_COGNITO_ENV_FILE;
  const pool = await retryUntil(`user-pool bootstrap at ${endpoint}`, () =>
    bootstrapUserPool({
      endpoint,
      region: process.env.AWS_REGION ?? 'us-east-1',
      poolName: process.env.COGNITO_POOL_NAME ?? 'taskmgr-local',
      clientName: process.env.COGNITO_CLIENT_NAME ?? 'taskmgr-web',
    }),
  );
  mkdirSync(dirname(file), { recursive: true });
  // Written whole and renamed, so a service never reads half a file.
  const partial = `${file}.partial`;
  writeFileSync(
    partial,
    formatEnvFile({
      COGNITO_USER_POOL_ID: pool.userPoolId,
      COGNITO_CLIENT_ID: pool.clientId,
      COGNITO_ISSUER: pool.issuer,
    }),
    { mode: 0o644 },
  );
  renameSync(partial, file);
  process.stdout.write(
    `user pool ${pool.userPoolId}, app client ${pool.clientId}, issuer ${pool.issuer} → ${file}\n`,
  );
});
