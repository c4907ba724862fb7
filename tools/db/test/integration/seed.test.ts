import { countItems, seedTable } from '../../src';
import { useLoadedTable } from '../support';

const { config, ...clients } = useLoadedTable('db-seed');

test('seeding 10,000 items writes exactly 10,000, counted by a Scan', async () => {
  const now = new Date();
  let progress = 0;
  const summary = await seedTable({
    client: clients.doc,
    tableName: config.DYNAMODB_TABLE_NAME,
    size: { items: 10_000 },
    seed: 2024,
    now,
    onProgress: (written) => {
      progress += written;
    },
  });
  expect(summary.written).toBe(10_000);
  expect(progress).toBe(10_000);
  expect(summary.batches).toBe(400);

  const counts = await countItems(clients.doc, config.DYNAMODB_TABLE_NAME, {}, now);
  expect(counts.total).toBe(10_000);
  expect(counts.byType).toEqual(summary.stats.byType);
  expect(counts.expiredNotifications).toBe(summary.stats.notifications.expired);
}, 300_000);
