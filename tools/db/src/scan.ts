import { parseArgs } from 'node:util';
import { createDynamoClients } from '@taskmgr/dynamo';
import { ENV_HELP, loadDynamoConfig, parseIntFlag, runMain, UsageError } from './cli-support';
import {
  countItems,
  ENTITY_FILTERS,
  formatCounts,
  formatItems,
  isEntityFilter,
  listItems,
  type ScanFilter,
} from './scan-items';

const HELP = `Usage: pnpm db:scan [--type T] [--user ID] [--limit N] [--count]

Prints the table's items as aligned lines: entity type, keys and the main attributes.
Expired notifications are shown (and marked): DynamoDB Local never applies the TTL.

Options:
  --type T     only ${Object.keys(ENTITY_FILTERS).join(' | ')}
  --user ID    only this user's items (a Query on the user's partition, plus the email guard)
  --limit N    print at most N items (default 50)
  --count      print counts by entity type instead of items
  -h, --help   show this help

${ENV_HELP}`;

runMain('db:scan', async () => {
  const { values } = parseArgs({
    options: {
      type: { type: 'string' },
      user: { type: 'string' },
      limit: { type: 'string' },
      count: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.type !== undefined && !isEntityFilter(values.type)) {
    throw new UsageError(
      `--type must be one of ${Object.keys(ENTITY_FILTERS).join(', ')}, got "${values.type}"`,
    );
  }
  const filter: ScanFilter = { type: values.type, userId: values.user };
  const limit = parseIntFlag(values.limit, '--limit', { min: 1, fallback: 50 }) ?? 50;

  const { client, doc, tableName } = createDynamoClients(loadDynamoConfig());
  try {
    const now = new Date();
    if (values.count) {
      process.stdout.write(`${formatCounts(await countItems(doc, tableName, filter, now))}\n`);
      return;
    }
    const { items, truncated } = await listItems(doc, tableName, filter, limit);
    if (items.length === 0) {
      process.stdout.write(`No items in ${tableName} match.\n`);
      return;
    }
    const width = process.stdout.isTTY ? Math.max(80, process.stdout.columns) : 200;
    process.stdout.write(`${formatItems(items, now, width)}\n`);
    process.stdout.write(
      truncated
        ? `\nShowing the first ${items.length}; raise --limit to see more, or use --count.\n`
        : `\n${items.length} item(s).\n`,
    );
  } finally {
    client.destroy();
  }
});
