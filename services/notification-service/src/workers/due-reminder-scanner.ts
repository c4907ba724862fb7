/**
 * One due-reminder run (ARCHITECTURE §6), shared by the one-shot job and the in-service timer.
 *
 * 1. Query the sparse NotificationSentIndex for the pending partitions from yesterday through
 *    now+24h with DueDate <= now+24h: only pending reminders are read, whatever the table size.
 * 2. Claim each one with a conditional update (a lease). The claim fails when the task was
 *    completed, re-dated or already sent since it was indexed, or another scanner holds it.
 * 3. Dispatch (in-app first, then the opted-in channels).
 * 4. All channels done: mark sent (drops the sparse key). Some channel failed: give the reminder
 *    back with a retry time, so a later run re-drives only the failed channels.
 * A scanner that dies mid-way leaves a lease that expires; the next run takes over, and the
 * deterministic notification id means it re-sends nothing already recorded as delivered.
 */
import { randomUUID } from 'node:crypto';
import {
  mapWithConcurrency,
  type PendingReminder,
  type ProfileRepository,
  pendingReminderPartition,
  type QueryPageStats,
  type ReminderRepository,
  type TaskRepository,
} from '@taskmgr/dynamo';
import { type Recipient, recipientOf } from '../delivery/delivery-plan';
import { dueReminderRequest } from '../delivery/notification-content';
import type { NotificationDispatcher } from '../delivery/notification-dispatcher';
import { describeError } from '../delivery/retry';
import type { WorkerLog } from '../log';

export interface DueReminderScannerOptions {
  tasks: TaskRepository;
  reminders: ReminderRepository;
  profiles: ProfileRepository;
  dispatcher: NotificationDispatcher;
  log: WorkerLog;
  now?: () => Date;
  /** Prefix of each run's lease owner id; defaults to host and pid. */
  ownerPrefix?: string;
  /** How long a claim keeps other scanners off; must exceed a dispatch with its retries. */
  leaseMs?: number;
  /** How far ahead a reminder goes out. */
  windowMs?: number;
  /** Reminders handled at once. */
  concurrency?: number;
  /** How long a reminder with a failed channel waits before a run retries it. */
  redriveDelayMs?: number;
}

export type ReminderOutcome =
  /** Every channel done and the reminder marked sent. */
  | 'sent'
  /** Not claimed: already sent, completed, re-dated, or another scanner holds it. */
  | 'skipped'
  /** Delivered, but the due date changed meanwhile: the new date's reminder stays pending. */
  | 'superseded'
  /** A channel failed; the reminder stays pending and is retried after redriveDelayMs. */
  | 'retrying'
  /** No profile (account deleted): marked sent without delivering. */
  | 'no-recipient'
  /** An unexpected error (e.g. DynamoDB); given back for a retry. */
  | 'error';

export interface DueScanReport {
  owner: string;
  found: number;
  outcomes: Record<ReminderOutcome, number>;
  /** Items the index Query read, summed over pages: stays flat as the table grows. */
  scannedCount: number;
  queryMs: number;
  durationMs: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The NotificationSentIndex partitions a run reads and its DueDate bound. Yesterday's partition
 * is included so a reminder due just before midnight that the previous run missed still goes
 * out (late) instead of staying pending forever.
 */
export function reminderWindow(
  now: Date,
  windowMs: number = DAY_MS,
): { dayPartitions: string[]; dueBefore: string } {
  const end = new Date(now.getTime() + windowMs);
  const partitions: string[] = [];
  const day = new Date(now.getTime() - DAY_MS);
  day.setUTCHours(0, 0, 0, 0);
  for (; day.getTime() <= end.getTime(); day.setUTCDate(day.getUTCDate() + 1)) {
    partitions.push(pendingReminderPartition(day.toISOString()));
  }
  return { dayPartitions: partitions, dueBefore: end.toISOString() };
}

export class DueReminderScanner {
  private readonly now: () => Date;
  private readonly ownerPrefix: string;
  private readonly leaseMs: number;
  private readonly windowMs: number;
  private readonly concurrency: number;
  private readonly redriveDelayMs: number;

  constructor(private readonly options: DueReminderScannerOptions) {
    this.now = options.now ?? (() => new Date());
    this.ownerPrefix = options.ownerPrefix ?? `reminders-${process.pid}`;
    this.leaseMs = options.leaseMs ?? 5 * MINUTE_MS;
    this.windowMs = options.windowMs ?? DAY_MS;
    this.concurrency = options.concurrency ?? 8;
    this.redriveDelayMs = options.redriveDelayMs ?? 5 * MINUTE_MS;
  }

  /** Finds the reminders that are due and pending, without claiming anything. */
  async findDue(onPage?: (stats: QueryPageStats) => void): Promise<PendingReminder[]> {
    return this.options.tasks.queryPendingReminders({
      ...reminderWindow(this.now(), this.windowMs),
      onPage,
    });
  }

  async runOnce(): Promise<DueScanReport> {
    const started = performance.now();
    // A fresh owner per run: a run never mistakes an older run's lease for its own.
    const owner = `${this.ownerPrefix}-${randomUUID()}`;
    let scannedCount = 0;
    const due = await this.findDue((stats) => {
      scannedCount += stats.scannedCount;
    });
    const queryMs = performance.now() - started;
    const recipients = new Map<string, Promise<Recipient | undefined>>();
    const recipientFor = (userId: string) => {
      let recipient = recipients.get(userId);
      if (!recipient) {
        recipient = this.options.profiles
          .get(userId)
          .then((profile) => (profile ? recipientOf(profile) : undefined));
        recipients.set(userId, recipient);
      }
      return recipient;
    };

    const results = await mapWithConcurrency(due, this.concurrency, (reminder) =>
      this.process(reminder, owner, recipientFor),
    );
    const outcomes: Record<ReminderOutcome, number> = {
      sent: 0,
      skipped: 0,
      superseded: 0,
      retrying: 0,
      'no-recipient': 0,
      error: 0,
    };
    for (const outcome of results) outcomes[outcome] += 1;
    const report: DueScanReport = {
      owner,
      found: due.length,
      outcomes,
      scannedCount,
      queryMs: Math.round(queryMs),
      durationMs: Math.round(performance.now() - started),
    };
    this.options.log.info({ dueReminders: report }, 'due-reminder run finished');
    return report;
  }

  private async process(
    found: PendingReminder,
    owner: string,
    recipientFor: (userId: string) => Promise<Recipient | undefined>,
  ): Promise<ReminderOutcome> {
    const { reminders, dispatcher, log } = this.options;
    const { dueDate } = found.task;
    if (!dueDate) return 'skipped';
    const ref = {
      userId: found.userId,
      taskId: found.task.taskId,
      dueDate,
      reminderPartition: found.reminderPartition,
    };
    const claim = await reminders.claim(ref, { owner, leaseMs: this.leaseMs });
    if (!claim) return 'skipped';
    try {
      const recipient = await recipientFor(found.userId);
      if (!recipient) {
        await reminders.markSent(ref, owner);
        log.warn({ userId: ref.userId, taskId: ref.taskId }, 'reminder for a user without profile');
        return 'no-recipient';
      }
      const outcome = await dispatcher.dispatch(
        dueReminderRequest(ref.userId, claim.task, dueDate, this.now()),
        recipient,
      );
      if (!outcome.settled) {
        await reminders.release(ref, owner, this.redriveAt());
        return 'retrying';
      }
      if (await reminders.markSent(ref, owner)) return 'sent';
      // Re-dated (or the lease expired) meanwhile: free the task for its new reminder now.
      await reminders.release(ref, owner);
      return 'superseded';
    } catch (error) {
      log.error(
        { taskId: ref.taskId, error: describeError(error) },
        'due reminder failed; releasing it for a retry',
      );
      // If even the release fails, the lease simply expires and a later run retries.
      await reminders.release(ref, owner, this.redriveAt()).catch(() => undefined);
      return 'error';
    }
  }

  private redriveAt(): Date {
    return new Date(this.now().getTime() + this.redriveDelayMs);
  }
}
