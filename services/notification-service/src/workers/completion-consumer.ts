/**
 * Drains the `task.completed` events the task service writes to the transactional outbox, in the
 * same transaction that completes the task. Any number of replicas may drain at once:
 * - an event is claimed with a lease before it is handled, so one replica handles it at a time;
 * - the notification id is derived from the event id, so handling an event twice (a replay, or
 *   a replica taking over an expired lease) finds the existing notification and re-sends only
 *   channels not yet recorded as delivered;
 * - the event is deleted only when every channel is done; otherwise it is released with a retry
 *   time and a later pass re-drives the failed channels. A crash between claim and delivery
 *   leaves the lease to expire, and another pass picks the event up.
 */
import { randomUUID } from 'node:crypto';
import {
  mapWithConcurrency,
  type OutboxItem,
  OutboxRepository,
  type ProfileRepository,
} from '@taskmgr/dynamo';
import { parseDomainEvent } from '@taskmgr/events';
import { recipientOf } from '../delivery/delivery-plan';
import { completionRequest } from '../delivery/notification-content';
import type { NotificationDispatcher } from '../delivery/notification-dispatcher';
import { describeError } from '../delivery/retry';
import type { WorkerLog } from '../log';

export interface CompletionConsumerOptions {
  outbox: OutboxRepository;
  profiles: ProfileRepository;
  dispatcher: NotificationDispatcher;
  log: WorkerLog;
  now?: () => Date;
  /** This replica's lease owner id; defaults to a random one per process. */
  owner?: string;
  leaseMs?: number;
  /** Events read per shard per pass. */
  batchSize?: number;
  concurrency?: number;
  /** How long an event with a failed channel waits before it is retried. */
  redriveDelayMs?: number;
  /** Claims of one event before it is parked as dead-lettered (a backstop: channels give up sooner). */
  maxEventAttempts?: number;
}

export type CompletionOutcome =
  | 'delivered'
  /** Another replica claimed it first. */
  | 'skipped'
  | 'retrying'
  | 'no-recipient'
  | 'dead-lettered';

export interface DrainReport {
  outcomes: Record<CompletionOutcome, number>;
}

const OUTCOMES: readonly CompletionOutcome[] = [
  'delivered',
  'skipped',
  'retrying',
  'no-recipient',
  'dead-lettered',
];

const emptyOutcomes = (): Record<CompletionOutcome, number> =>
  Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<CompletionOutcome, number>;

export class CompletionConsumer {
  private readonly now: () => Date;
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly redriveDelayMs: number;
  private readonly maxEventAttempts: number;

  constructor(private readonly options: CompletionConsumerOptions) {
    this.now = options.now ?? (() => new Date());
    this.owner = options.owner ?? `completions-${process.pid}-${randomUUID()}`;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batchSize = options.batchSize ?? 25;
    this.concurrency = options.concurrency ?? 4;
    this.redriveDelayMs = options.redriveDelayMs ?? 60_000;
    this.maxEventAttempts = options.maxEventAttempts ?? 20;
  }

  /** One pass: up to batchSize available events from every shard. */
  async drainOnce(): Promise<DrainReport> {
    const outcomes = emptyOutcomes();
    for (const shard of OutboxRepository.shards()) {
      const available = await this.options.outbox.listAvailable(shard, this.batchSize);
      const results = await mapWithConcurrency(available, this.concurrency, (item) =>
        this.handle(item),
      );
      for (const outcome of results) outcomes[outcome] += 1;
    }
    return { outcomes };
  }

  /** Passes until one finds nothing left to claim (or maxPasses), e.g. for a backlog. */
  async drain(maxPasses = 100): Promise<DrainReport> {
    const total = emptyOutcomes();
    for (let pass = 0; pass < maxPasses; pass++) {
      const { outcomes } = await this.drainOnce();
      let handled = 0;
      for (const outcome of OUTCOMES) {
        total[outcome] += outcomes[outcome];
        if (outcome !== 'skipped') handled += outcomes[outcome];
      }
      if (handled === 0) break;
    }
    return { outcomes: total };
  }

  async handle(item: OutboxItem): Promise<CompletionOutcome> {
    const { outbox, profiles, dispatcher, log } = this.options;
    const claimed = await outbox.claim(item, { owner: this.owner, leaseMs: this.leaseMs });
    if (!claimed) return 'skipped';
    let event: ReturnType<typeof parseDomainEvent>;
    try {
      event = parseDomainEvent(claimed.Payload);
    } catch (error) {
      // Retrying cannot fix a malformed event; park it for inspection.
      await outbox.deadLetter(item, this.owner, describeError(error));
      log.error({ eventId: item.EventId, error: describeError(error) }, 'invalid outbox event');
      return 'dead-lettered';
    }
    try {
      const profile = await profiles.get(event.userId);
      if (!profile) {
        await outbox.complete(item, this.owner);
        return 'no-recipient';
      }
      const outcome = await dispatcher.dispatch(completionRequest(event), recipientOf(profile));
      if (outcome.settled) {
        await outbox.complete(item, this.owner);
        return 'delivered';
      }
      return await this.retryLater(claimed, outcome.failures.join('; '));
    } catch (error) {
      log.error(
        { eventId: item.EventId, error: describeError(error) },
        'completion event failed; releasing it for a retry',
      );
      return await this.retryLater(claimed, describeError(error));
    }
  }

  private async retryLater(claimed: OutboxItem, reason: string): Promise<CompletionOutcome> {
    const { outbox } = this.options;
    if (claimed.Attempts >= this.maxEventAttempts) {
      await outbox.deadLetter(claimed, this.owner, reason);
      this.options.log.error(
        { eventId: claimed.EventId, reason },
        'completion event dead-lettered',
      );
      return 'dead-lettered';
    }
    const retryAt = new Date(this.now().getTime() + this.redriveDelayMs);
    await outbox.release(claimed, this.owner, retryAt, reason || 'channel failed');
    return 'retrying';
  }
}
