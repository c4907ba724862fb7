/**
 * Due-scan cost against table size. Starts its own in-memory DynamoDB Local, puts 100 due tasks,
 * then grows the other tasks to 1,000, 10,000 and 100,000, and after each step runs the
 * scanner's own query path (DueReminderScanner.findDue) and prints the items the Query read
 * (ScannedCount, summed over pages) and the wall time. The sparse NotificationSentIndex should
 * keep the items read flat: target 100k/1k ratio <= 1.1.
 *
 *   pnpm bench:due-scan            (from the repository root)
 */
import { availableParallelism } from 'node:os';
import {
  batchPutAll,
  buildTaskItem,
  createDynamoClients,
  ensureTable,
  type NewTask,
  newId,
  type TaskItem,
} from '@taskmgr/dynamo';
import { startDynamoDbLocal } from '@taskmgr/local-engines';
import pino from 'pino';
import { createNotificationRuntime } from '../src/runtime';

const DUE_TASKS = 100;
const SIZES = [1_000, 10_000, 100_000];
const SCANS_PER_SIZE = 10;
// Untimed scans first, so the timings measure the query, not the JIT warming up.
const WARM_UP_SCANS = 3;
const USERS = 200;
const HOUR_MS = 3_600_000;
const WRITE_CONCURRENCY = 16;
const NOW = new Date();

const hoursFromNow = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS).toISOString();
const userOf = (i: number) => `bench-user-${i % USERS}`;

function task(i: number, fields: Partial<NewTask>): TaskItem {
  return buildTaskItem(
    { userId: userOf(i), taskId: newId(NOW), title: `Task ${i}`, ...fields },
    // Built "yesterday" so even overdue-by-now dates are accepted as pending where the state says so.
    new Date(NOW.getTime() - 48 * HOUR_MS),
  );
}

/**
 * Tasks that must not be read: due later (pending, in later partitions or beyond now+24h in
 * tomorrow's), completed, already sent, or undated. Only the first kind carries the sparse key.
 */
function otherTask(i: number): TaskItem {
  switch (i % 5) {
    case 0:
      return task(i, { dueDate: hoursFromNow(48 + (i % (60 * 24))) });
    case 1:
      return task(i, { dueDate: hoursFromNow(2 + (i % 20)), status: 'completed' });
    case 2: {
      const sent = task(i, { dueDate: hoursFromNow(1 + (i % 20)) });
      const { DueDate_NotificationSent: _pending, ...rest } = sent;
      return { ...rest, NotificationSent: true };
    }
    case 3:
      return task(i, {});
    default:
      // Tomorrow's partition, but after now+24h: excluded by the key condition, never read.
      return task(i, { dueDate: hoursFromNow(24.5 + (i % 3) / 10) });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  console.log(`Starting DynamoDB Local (in memory); ${availableParallelism()} CPUs`);
  const engine = await startDynamoDbLocal();
  const clients = createDynamoClients({
    AWS_REGION: 'us-east-1',
    DYNAMODB_ENDPOINT: engine.endpoint,
    DYNAMODB_TABLE_NAME: 'DueScanBench',
  });
  try {
    await ensureTable(clients.client, clients.tableName);
    const runtime = createNotificationRuntime({
      settings: {
        mode: 'local',
        ttlDays: 30,
        reminderIntervalMs: 0,
        completionPollIntervalMs: 0,
        topics: undefined,
        emailFrom: undefined,
      },
      dynamo: { AWS_REGION: 'us-east-1', DYNAMODB_TABLE_NAME: clients.tableName },
      log: pino({ level: 'silent' }),
      clients,
      now: () => NOW,
    });

    const due = Array.from({ length: DUE_TASKS }, (_, i) =>
      task(i, { dueDate: hoursFromNow(0.5 + (i % 23)) }),
    );
    await batchPutAll(clients.doc, clients.tableName, due, { concurrency: WRITE_CONCURRENCY });

    const rows: Array<{
      others: number;
      scanned: number;
      capacity: number;
      found: number;
      ms: number;
      maxMs: number;
    }> = [];
    let written = 0;
    for (const size of SIZES) {
      const started = performance.now();
      const batch = Array.from({ length: size - written }, (_, k) => otherTask(written + k));
      await batchPutAll(clients.doc, clients.tableName, batch, { concurrency: WRITE_CONCURRENCY });
      written = size;
      const loadSeconds = (performance.now() - started) / 1000;
      console.log(
        `Loaded ${size.toLocaleString('en-US')} other tasks (+${batch.length.toLocaleString('en-US')} in ${loadSeconds.toFixed(1)} s)`,
      );

      const times: number[] = [];
      let scanned = 0;
      let capacity = 0;
      let found = 0;
      for (let run = 0; run < WARM_UP_SCANS + SCANS_PER_SIZE; run++) {
        let runScanned = 0;
        let runCapacity = 0;
        const t0 = performance.now();
        const reminders = await runtime.scanner.findDue((page) => {
          runScanned += page.scannedCount;
          runCapacity += page.consumedCapacity ?? 0;
        });
        if (run >= WARM_UP_SCANS) times.push(performance.now() - t0);
        scanned = runScanned;
        capacity = runCapacity;
        found = reminders.length;
      }
      rows.push({
        others: size,
        scanned,
        capacity,
        found,
        ms: median(times),
        maxMs: Math.max(...times),
      });
    }

    console.log(
      `\nDue-scan cost (100 due tasks among N other tasks; ${SCANS_PER_SIZE} timed scans each)`,
    );
    console.log(
      'other tasks | items read (ScannedCount) | read units | due found | median ms | max ms',
    );
    for (const row of rows) {
      console.log(
        [
          row.others.toLocaleString('en-US').padStart(11),
          String(row.scanned).padStart(25),
          row.capacity.toFixed(1).padStart(10),
          String(row.found).padStart(9),
          row.ms.toFixed(1).padStart(9),
          row.maxMs.toFixed(1).padStart(6),
        ].join(' | '),
      );
    }
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last) throw new Error('no measurements');
    const ratio = last.scanned / first.scanned;
    const verdict = ratio <= 1.1 && last.found === DUE_TASKS ? 'PASS' : 'FAIL';
    console.log(`\nItems read 100k/1k ratio: ${ratio.toFixed(2)} (target <= 1.1): ${verdict}`);
    await runtime.close();
    if (verdict === 'FAIL') process.exitCode = 1;
  } finally {
    clients.client.destroy();
    await engine.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
