import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createDynamoClients, tableExists } from '@taskmgr/dynamo';
import { Presets, SingleBar } from 'cli-progress';
import { ENV_HELP, loadDynamoConfig, parseIntFlag, runMain, UsageError } from './cli-support';
import { assertLocalTable } from './guard';
import { DEFAULT_SIZE, type SeedSize } from './seed-data';
import { formatSummary, seedTable } from './seeder';

const HELP = `Usage: pnpm db:seed [size] [--seed N] [--now ISO] [--concurrency N] [--allow-remote]

Writes realistic demo data: users (profile + email guard), tasks with every status and due
date (past, today, within 24 h, later, none), and notifications (read, unread, expired).

Size, either per user:
  --users N                   users (default ${DEFAULT_SIZE.users})
  --tasks-per-user N          tasks per user (default ${DEFAULT_SIZE.tasksPerUser})
  --notifications-per-user N  notifications per user (default ${DEFAULT_SIZE.notificationsPerUser})
or as a total:
  --items N                   exactly N items, split over users, tasks and notifications

Options:
  --seed N         random seed; the same seed and --now give the same data (default: random)
  --now ISO        the moment due dates and expiry are relative to (default: now)
  --concurrency N  BatchWriteItem calls in flight (default 4)
  --allow-remote   allow an endpoint that is not DynamoDB Local (real AWS)
  -h, --help       show this help

${ENV_HELP}`;

runMain('db:seed', async () => {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      'tasks-per-user': { type: 'string' },
      'notifications-per-user': { type: 'string' },
      items: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      concurrency: { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const perUserGiven =
    values.users !== undefined ||
    values['tasks-per-user'] !== undefined ||
    values['notifications-per-user'] !== undefined;
  if (values.items !== undefined && perUserGiven) {
    throw new UsageError('--items sets the total; it cannot be combined with the per-user sizes');
  }
  const size: SeedSize =
    values.items !== undefined
      ? { items: parseIntFlag(values.items, '--items', { min: 2 }) ?? 0 }
      : {
          users:
            parseIntFlag(values.users, '--users', { min: 1, fallback: DEFAULT_SIZE.users }) ?? 0,
          tasksPerUser:
            parseIntFlag(values['tasks-per-user'], '--tasks-per-user', {
              min: 0,
              fallback: DEFAULT_SIZE.tasksPerUser,
            }) ?? 0,
          notificationsPerUser:
            parseIntFlag(values['notifications-per-user'], '--notifications-per-user', {
              min: 0,
              fallback: DEFAULT_SIZE.notificationsPerUser,
            }) ?? 0,
        };
  const seed =
    parseIntFlag(values.seed, '--seed', { min: 0, fallback: randomInt(1, 2 ** 31) }) ?? 0;
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime()))
    throw new UsageError(`--now must be an ISO date, got "${values.now}"`);
  const concurrency = parseIntFlag(values.concurrency, '--concurrency', { min: 1, fallback: 4 });

  const config = loadDynamoConfig();
  assertLocalTable(config, 'seed', values['allow-remote']);
  const { client, doc, tableName } = createDynamoClients(config);
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format:
        'Seeding [{bar}] {percentage}% | {value}/{total} items | {rate} items/s | ETA {eta_formatted}',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  try {
    if (!(await tableExists(client, tableName))) {
      throw new UsageError(`table ${tableName} does not exist: run pnpm db:schema-load first`);
    }
    const started = Date.now();
    let written = 0;
    const summary = await seedTable({
      client: doc,
      tableName,
      size,
      seed,
      now,
      ...(concurrency ? { concurrency } : {}),
      onStart: (total) => bar.start(total, 0, { rate: 0 }),
      onProgress: (delta) => {
        written += delta;
        const rate = Math.round((written * 1000) / Math.max(1, Date.now() - started));
        bar.increment(delta, { rate });
      },
    });
    bar.stop();
    process.stdout.write(
      `${formatSummary(summary)}\n  seed           ${seed} (--seed ${seed} --now ${now.toISOString()} reproduces it)\n`,
    );
  } finally {
    bar.stop();
    client.destroy();
  }
});
