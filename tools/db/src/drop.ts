import { parseArgs } from 'node:util';
import { ENV_HELP, loadDynamoConfig, runMain } from './cli-support';
import { drop } from './table-admin';

const HELP = `Usage: pnpm db:drop [--allow-remote]

Deletes the table and everything in it, without asking. A missing table is not an error.

Options:
  --allow-remote  allow an endpoint that is not DynamoDB Local (real AWS)
  -h, --help      show this help

${ENV_HELP}`;

runMain('db:drop', async () => {
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
  const { message } = await drop(loadDynamoConfig(), { allowRemote: values['allow-remote'] });
  process.stdout.write(`${message}\n`);
});
