/** One-shot: creates the table from the shared definition once DynamoDB Local answers. */
import { loadConfig } from '@taskmgr/config';
import { schemaLoad } from '@taskmgr/db-tools';
import { DynamoConfigSchema } from '@taskmgr/dynamo';
import { retryUntil, runMain } from './retry';

runMain('schema-load', async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const config = loadConfig(DynamoConfigSchema, process.env);
  const { message } = await retryUntil('schema load', () => schemaLoad(config));
  process.stdout.write(`${message}\n`);
});
