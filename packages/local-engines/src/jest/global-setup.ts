import { startLocalEngines } from '../engines';

declare global {
  // Shared between global setup and teardown, which run in the same process.
  var __localEngines: { stop(): Promise<void> } | undefined;
}

/**
 * Starts real engines once for the whole integration run: DynamoDB Local in memory and
 * cognito-local in a temp dir. Workers are spawned after this and inherit the env vars.
 */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const engines = await startLocalEngines();
  globalThis.__localEngines = engines;
  Object.assign(process.env, engines.env);
}
