import { ENV_HELP, runAdminCommand } from './cli-support';
import { drop } from './table-admin';

const HELP = `Usage: pnpm db:drop [--allow-remote]

Deletes the table and everything in it, without asking. A missing table is not an error.

Options:
  --allow-remote  allow an endpoint that is not DynamoDB Local (real AWS)
  -h, --help      show this help

${ENV_HELP}`;

runAdminCommand('db:drop', HELP, drop);
