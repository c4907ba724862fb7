import { parseArgs } from 'node:util';
import { ENV_HELP, loadDynamoConfig, runMain } from './cli-support';
import { schemaLoad } from './table-admin';

const HELP = `Usage: pnpm db:schema-load [--allow-remote]

Creates the table, its indexes, TTL and stream from the shared table definition.
Does nothing if the table already exists.

Options:
  --allow-remote  allow an endpoint that is not DynamoDB Local (real AWS)
  -h, --help      show this help

${ENV_HELP}`;

runMain('db:schema-load', async () => {
  const { values } = parseArgs({
    options: {
      'allow-remote': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const { message } = await schemaLoad(loadDynamoConfig(), { allowRemote: values['allow-remote'] });
  process.stdout.write(`${message}\n`);
});
