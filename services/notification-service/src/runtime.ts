/**
 * Wires repositories, channels, the dispatcher and the two workers from the configuration.
 * The service and the one-shot job build the same runtime, so both run the same code.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import {
  createDynamoClients,
  type DynamoClients,
  type DynamoConfig,
  NotificationDeliveryRepository,
  OutboxRepository,
  ProfileRepository,
  ReminderRepository,
  TaskRepository,
} from '@taskmgr/dynamo';
import type { DeliveryChannels } from './channels/channel';
import { DevChannel, DevOutbox } from './channels/dev-channel';
import { SesEmailChannel } from './channels/email-channel';
import { SnsSmsChannel } from './channels/sms-channel';
import { SnsTopicPublisher } from './channels/topic-publisher';
import type { DeliverySettings } from './config';
import { NotificationDispatcher } from './delivery/notification-dispatcher';
import type { WorkerLog } from './log';
import { CompletionConsumer } from './workers/completion-consumer';
import { DueReminderScanner } from './workers/due-reminder-scanner';
import { type RecurringRun, runRecurring } from './workers/recurring';

export interface RuntimeOptions {
  settings: DeliverySettings;
  dynamo: DynamoConfig;
  log: WorkerLog;
  /** Injected by tests (a per-file table); created from `dynamo` otherwise. */
  clients?: DynamoClients;
  now?: () => Date;
  /** Overrides for the dispatcher and workers, e.g. short retry delays in tests. */
  tuning?: {
    dispatcher?: Partial<
      Pick<
        ConstructorParameters<typeof NotificationDispatcher>[0],
        'attemptsPerRun' | 'maxAttempts' | 'retryBaseDelayMs' | 'retryMaxDelayMs'
      >
    >;
    scanner?: Partial<
      Pick<
        ConstructorParameters<typeof DueReminderScanner>[0],
        'leaseMs' | 'concurrency' | 'redriveDelayMs'
      >
    >;
    consumer?: Partial<
      Pick<
        ConstructorParameters<typeof CompletionConsumer>[0],
        'leaseMs' | 'batchSize' | 'concurrency' | 'redriveDelayMs' | 'maxEventAttempts'
      >
    >;
  };
}

export interface NotificationRuntime {
  clients: DynamoClients;
  dispatcher: NotificationDispatcher;
  scanner: DueReminderScanner;
  consumer: CompletionConsumer;
  /** Present in DELIVERY_MODE=local only. */
  devOutbox: DevOutbox | undefined;
  /** Starts the in-process timers that are configured on (interval > 0). */
  startWorkers(): void;
  /** Stops the timers, waits for runs in progress, then closes the clients. */
  close(): Promise<void>;
}

export function createNotificationRuntime(options: RuntimeOptions): NotificationRuntime {
  const { settings, log, now } = options;
  const ownsClients = options.clients === undefined;
  const clients = options.clients ?? createDynamoClients(options.dynamo);
  const repositoryOptions = {
    doc: clients.doc,
    tableName: clients.tableName,
    ...(now ? { now } : {}),
  };

  const { channels, devOutbox, close: closeChannels } = createChannels(settings, options);
  const dispatcher = new NotificationDispatcher({
    notifications: new NotificationDeliveryRepository(repositoryOptions),
    channels,
    log,
    ttlDays: settings.ttlDays,
    ...(now ? { now } : {}),
    ...options.tuning?.dispatcher,
  });
  const profiles = new ProfileRepository(repositoryOptions);
  const scanner = new DueReminderScanner({
    tasks: new TaskRepository(repositoryOptions),
    reminders: new ReminderRepository(repositoryOptions),
    profiles,
    dispatcher,
    log,
    ...(now ? { now } : {}),
    ...options.tuning?.scanner,
  });
  const consumer = new CompletionConsumer({
    outbox: new OutboxRepository(repositoryOptions),
    profiles,
    dispatcher,
    log,
    ...(now ? { now } : {}),
    ...options.tuning?.consumer,
  });

  const runs: RecurringRun[] = [];
  return {
    clients,
    dispatcher,
    scanner,
    consumer,
    devOutbox,
    startWorkers() {
      if (runs.length > 0) return;
      if (settings.reminderIntervalMs > 0) {
        runs.push(
          runRecurring('due-reminders', settings.reminderIntervalMs, () => scanner.runOnce(), log),
        );
      }
      if (settings.completionPollIntervalMs > 0) {
        runs.push(
          runRecurring(
            'completion-events',
            settings.completionPollIntervalMs,
            () => consumer.drain(),
            log,
          ),
        );
      }
    },
    async close() {
      await Promise.all(runs.splice(0).map((run) => run.stop()));
      closeChannels();
      if (ownsClients) clients.client.destroy();
    },
  };
}

function createChannels(
  settings: DeliverySettings,
  options: RuntimeOptions,
): { channels: DeliveryChannels; devOutbox: DevOutbox | undefined; close: () => void } {
  if (settings.mode === 'local') {
    const devOutbox = new DevOutbox(undefined, options.now);
    const dev = new DevChannel(devOutbox, options.log);
    return { channels: { email: dev, sms: dev, topics: dev }, devOutbox, close: () => undefined };
  }
  if (!settings.topics) throw new Error('DELIVERY_MODE=aws needs the four SNS topic ARNs');
  const region = options.dynamo.AWS_REGION;
  const sns = new SNSClient({ region });
  const ses = settings.emailFrom ? new SESv2Client({ region }) : undefined;
  return {
    channels: {
      email: ses && settings.emailFrom ? new SesEmailChannel(ses, settings.emailFrom) : undefined,
      sms: new SnsSmsChannel(sns),
      topics: new SnsTopicPublisher(sns, settings.topics),
    },
    devOutbox: undefined,
    close: () => {
      sns.destroy();
      ses?.destroy();
    },
  };
}
