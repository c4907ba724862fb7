import { startDynamoDbLocal } from '../dynamodb-local';

declare global {
  // Shared between global setup and teardown, which run in the same process.
  var __localEngines: { stop(): Promise<void> }[] | undefined;
}

/** Starts real engines once for the whole integration run; workers inherit the env vars. */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal();
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.AWS_REGION = 'us-east-1';
  globalThis.__localEngines = [dynamo];
}
