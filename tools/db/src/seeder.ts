import { type BatchWriteClient, batchPutAll } from '@taskmgr/dynamo';
import {
  createSeedData,
  emptyStats,
  type SeedOptions,
  type SeedStats,
  tallyItem,
} from './seed-data';

export interface SeedTableOptions extends SeedOptions {
  client: BatchWriteClient;
  tableName: string;
  /** Batches in flight at once. */
  concurrency?: number;
  /** Called with the total planned before the first write. */
  onStart?: (total: number) => void;
  /** Called with the number of items each BatchWriteItem call wrote. */
  onProgress?: (written: number) => void;
}

/** A bulk load rides out longer throttling than a request would wait for. */
const SEED_RETRIES = { maxAttempts: 10, maxDelayMs: 5_000 } as const;

export interface SeedSummary {
  tableName: string;
  users: number;
  total: number;
  written: number;
  batches: number;
  retries: number;
  durationMs: number;
  itemsPerSecond: number;
  stats: SeedStats;
}

/** Generates the demo data and writes it; items stream from the generator to the writer. */
export async function seedTable(options: SeedTableOptions): Promise<SeedSummary> {
  const data = createSeedData(options);
  const stats = emptyStats();
  const started = Date.now();
  options.onStart?.(data.plan.total);
  const counted = function* () {
    for (const item of data.items()) {
      tallyItem(stats, item, options.now);
      yield item;
    }
  };
  const result = await batchPutAll(options.client, options.tableName, counted(), {
    ...SEED_RETRIES,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const durationMs = Date.now() - started;
  return {
    tableName: options.tableName,
    users: data.plan.users.length,
    total: data.plan.total,
    ...result,
    durationMs,
    itemsPerSecond: Math.round((result.written * 1000) / Math.max(1, durationMs)),
    stats,
  };
}

export function formatSummary(summary: SeedSummary): string {
  const { stats } = summary;
  const seconds = (summary.durationMs / 1000).toFixed(1);
  return [
    `Seeded ${summary.written} items into ${summary.tableName} in ${seconds} s ` +
      `(${summary.itemsPerSecond} items/s, ${summary.batches} batches, ${summary.retries} retries).`,
    `  users          ${stats.byType.USER} profiles + ${stats.byType.EMAIL} email guards`,
    `  tasks          ${stats.byType.TASK}: ${stats.taskStatus.pending} pending, ` +
      `${stats.taskStatus.in_progress} in progress, ${stats.taskStatus.completed} completed`,
    `    due          ${stats.taskDue.overdue} past, ${stats.dueToday} today, ` +
      `${stats.taskDue.within24h} within 24 h, ${stats.taskDue.later} later, ${stats.taskDue.none} none; ` +
      `${stats.pendingReminders} reminders pending`,
    `  notifications  ${stats.byType.NOTIF}: ${stats.notifications.unread} unread, ` +
      `${stats.notifications.read} read, ${stats.notifications.expired} expired`,
  ].join('\n');
}
