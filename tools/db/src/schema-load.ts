import { ENV_HELP, runAdminCommand } from './cli-support';
import { schemaLoad } from './table-admin';

const HELP = `Usage: pnpm db:schema-load [--allow-remote]

Creates the table, its indexes, TTL and stream from the shared table definition.
Does nothing if the table already exists.

Options:
  --allow-remote  allow an endpoint that is not DynamoDB Local (real AWS)
  -h, --help      show this help

${ENV_HELP}`;

runAdminCommand('db:schema-load', HELP, schemaLoad);
