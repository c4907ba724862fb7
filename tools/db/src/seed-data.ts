/**
 * Demo data for the one table: users (profile + email guard), tasks and in-app notifications.
 * Every item comes out of the dynamo package's builders, so keys and index attributes are
 * exactly what the services write. Given the same seed and `now`, the output is identical.
 */
import {
  buildEmailGuardItem,
  buildNotificationItem,
  buildProfileItem,
  buildTaskItem,
  type EmailGuardItem,
  isExpired,
  type NotificationItem,
  type NotificationKind,
  type ProfileItem,
  reminderPartitionFor,
  TASK_STATUSES,
  type TaskItem,
  type TaskStatus,
} from '@taskmgr/dynamo';
import { ulid } from 'ulid';
import { createRandom, type Random } from './random';

export type SeedItem = ProfileItem | EmailGuardItem | TaskItem | NotificationItem;

export type SeedSize =
  | { users: number; tasksPerUser: number; notificationsPerUser: number }
  /** A total: users, tasks and notifications are derived so that exactly this many items exist. */
  | { items: number };

export interface SeedOptions {
  size: SeedSize;
  seed: number;
  /** Due dates, ages and expiry are relative to this. */
  now: Date;
}

export interface UserPlan {
  tasks: number;
  notifications: number;
}

export interface SeedPlan {
  users: UserPlan[];
  total: number;
}

export const DEFAULT_SIZE = { users: 10, tasksPerUser: 20, notificationsPerUser: 8 } as const;
/** In-app notifications live this long before the table's TTL removes them. */
export const NOTIFICATION_TTL_DAYS = 30;
/** Profile and email guard. */
const ITEMS_PER_USER = 2;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// biome-ignore format: packed lists of names read better
const FIRST_NAMES = [
  'Ada', 'Alan', 'Amara', 'Ben', 'Chen', 'Chloe', 'Diego', 'Elena', 'Farah', 'Grace', 'Hugo',
  'Ines', 'Ivan', 'Jonas', 'Kaito', 'Leila', 'Lucas', 'Maya', 'Mateo', 'Nadia', 'Noah', 'Olga',
  'Priya', 'Rafael', 'Sara', 'Tariq', 'Uma', 'Victor', 'Wen', 'Zoe',
] as const;
// biome-ignore format: packed lists of names read better
const LAST_NAMES = [
  'Adeyemi', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hopper', 'Ito', 'Jansen',
  'Kowalski', 'Lovelace', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Silva',
  'Turing', 'Ueda', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zhang',
] as const;
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

const TASKS: readonly { title: string; description: string }[] = [
  {
    title: 'Review Q3 budget',
    description: 'Compare actuals with the forecast and flag anything over 10%.',
  },
  {
    title: 'Prepare slides for the team offsite',
    description: 'Roadmap, hiring plan and a short retro of the last quarter.',
  },
  {
    title: 'Renew passport',
    description: 'Book an appointment and bring two photos and the old passport.',
  },
  {
    title: 'Call the plumber about the leak',
    description: 'Kitchen sink, drips since Monday. Ask for a quote first.',
  },
  {
    title: 'Submit expense report',
    description: 'Train tickets and the hotel from the client visit.',
  },
  {
    title: 'Update the onboarding checklist',
    description: 'Add the new VPN setup steps and remove the old wiki links.',
  },
  { title: 'Book dentist appointment', description: 'Check-up and cleaning; mornings work best.' },
  {
    title: 'Write release notes for v2.4',
    description: 'Group by feature, link the migration guide.',
  },
  {
    title: 'Pay the electricity bill',
    description: 'Due before the end of the month to avoid the late fee.',
  },
  {
    title: 'Plan the weekend hike',
    description: 'Check the weather, pick a trail under 15 km, share the route.',
  },
  {
    title: 'Fix flaky login test',
    description: 'Fails about 1 in 20 runs on CI; likely a race on token refresh.',
  },
  {
    title: 'Order a birthday present for Sam',
    description: 'Something for the garden; budget around 40.',
  },
  {
    title: 'Draft the grant application',
    description: 'Sections 2 and 3 still missing; the deadline is firm.',
  },
  {
    title: 'Clean up the shared drive',
    description: 'Archive the 2022 folders and fix the broken permissions.',
  },
  {
    title: 'Schedule 1:1s for next sprint',
    description: 'Thirty minutes each, avoid Friday afternoons.',
  },
  {
    title: 'Replace the bike tyres',
    description: 'Rear one is worn through; get puncture-resistant ones.',
  },
  { title: 'Migrate notes to the new app', description: 'Export as Markdown, keep the tags.' },
  { title: 'Read chapter 7 for the book club', description: 'Discussion is on Thursday at 7 pm.' },
  {
    title: 'Back up the laptop',
    description: 'Full disk image to the external drive, then verify it.',
  },
  {
    title: 'Send the invoice to the client',
    description: 'Hours from the timesheet, net 30 terms.',
  },
  { title: 'Water the plants', description: 'The ferns need more than the cacti.' },
  {
    title: 'Respond to the security questionnaire',
    description: 'Ask the platform team about encryption at rest.',
  },
  {
    title: 'Buy groceries',
    description: 'Oats, coffee, tomatoes, rice, something for Friday dinner.',
  },
  {
    title: 'Prepare for the architecture review',
    description: 'One-page summary, the data model, open questions.',
  },
  { title: 'Cancel the unused streaming subscription', description: 'Renews on the 3rd.' },
  {
    title: 'Translate the FAQ into Spanish',
    description: 'Twelve questions; keep the tone informal.',
  },
  { title: 'Set up the new monitor', description: 'Needs a USB-C to DisplayPort cable.' },
  { title: 'Organise the garage', description: 'Donate the old shelves, label the boxes.' },
  {
    title: 'Interview the frontend candidate',
    description: 'Pairing exercise plus 20 minutes of questions.',
  },
  { title: 'File the tax return', description: 'Receipts are in the blue folder.' },
];

type DueBucket = 'overdue' | 'today' | 'next24h' | 'later' | 'none';

const DUE_WEIGHTS: Record<DueBucket, number> = {
  overdue: 20,
  today: 10,
  next24h: 15,
  later: 35,
  none: 20,
};

/** Overdue work is mostly done; future work mostly is not. */
const STATUS_WEIGHTS: Record<'past' | 'future', Record<TaskStatus, number>> = {
  past: { pending: 25, in_progress: 20, completed: 55 },
  future: { pending: 50, in_progress: 25, completed: 25 },
};

/** Spreads `total` over `count` users unevenly (real users differ) but exactly. */
function distribute(total: number, count: number, random: Random): number[] {
  const weights = Array.from({ length: count }, () => 0.4 + random.next() * 1.2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % count, left -= 1) shares[i] = (shares[i] ?? 0) + 1;
  return shares;
}

function assertCount(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number of at least ${min}, got ${value}`);
  }
}

/** How many users, and how many tasks and notifications each, for a requested size. */
export function planSeed(size: SeedSize, random: Random): SeedPlan {
  if ('items' in size) {
    assertCount(size.items, '--items', ITEMS_PER_USER);
    const perUser = ITEMS_PER_USER + DEFAULT_SIZE.tasksPerUser + DEFAULT_SIZE.notificationsPerUser;
    const userCount = Math.max(
      1,
      Math.min(Math.floor(size.items / ITEMS_PER_USER), Math.round(size.items / perUser)),
    );
    const rest = size.items - userCount * ITEMS_PER_USER;
    const taskTotal = Math.round(
      (rest * DEFAULT_SIZE.tasksPerUser) /
        (DEFAULT_SIZE.tasksPerUser + DEFAULT_SIZE.notificationsPerUser),
    );
    const tasks = distribute(taskTotal, userCount, random);
    const notifications = distribute(rest - taskTotal, userCount, random);
    return {
      users: tasks.map((t, i) => ({ tasks: t, notifications: notifications[i] ?? 0 })),
      total: size.items,
    };
  }
  assertCount(size.users, '--users', 1);
  assertCount(size.tasksPerUser, '--tasks-per-user', 0);
  assertCount(size.notificationsPerUser, '--notifications-per-user', 0);
  return {
    users: Array.from({ length: size.users }, () => ({
      tasks: size.tasksPerUser,
      notifications: size.notificationsPerUser,
    })),
    total: size.users * (ITEMS_PER_USER + size.tasksPerUser + size.notificationsPerUser),
  };
}

export interface SeedData {
  plan: SeedPlan;
  /** A fresh pass over the same items each call. */
  items(): Generator<SeedItem>;
}

export function createSeedData(options: SeedOptions): SeedData {
  const plan = planSeed(options.size, createRandom(options.seed));
  return {
    plan,
    *items() {
      // A stream of its own, so the items do not depend on how the plan consumed numbers.
      const random = createRandom(options.seed ^ 0x5bd1e995);
      for (const [index, userPlan] of plan.users.entries()) {
        yield* userItems(index, userPlan, random, options.now);
      }
    },
  };
}

const roundTo = (ms: number, step: number) => Math.round(ms / step) * step;
const between = (random: Random, from: number, to: number) =>
  to <= from ? from : from + Math.floor(random.next() * (to - from));

interface TaskRef {
  taskId: string;
  title: string;
  status: TaskStatus;
  dueDate: string | undefined;
}

function* userItems(
  index: number,
  plan: UserPlan,
  random: Random,
  nowDate: Date,
): Generator<SeedItem> {
  const now = nowDate.getTime();
  const userId = random.uuid();
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  // The index keeps emails unique however many users share a name.
  const email = `${firstName}.${lastName}.${index + 1}@${random.pick(EMAIL_DOMAINS)}`;
  const phoneNumber = random.chance(0.6)
    ? `+1555${String(random.int(0, 9_999_999)).padStart(7, '0')}`
    : undefined;
  const joined = new Date(roundTo(now - between(random, 7 * DAY, 365 * DAY), MINUTE));

  const profile = buildProfileItem(
    {
      userId,
      email,
      firstName,
      lastName,
      phoneNumber,
      notificationPreferences: {
        email: random.chance(0.7),
        sms: phoneNumber !== undefined && random.chance(0.5),
      },
    },
    joined,
  );
  const lastLogin = random.chance(0.85)
    ? { LastLogin: new Date(between(random, now - 14 * DAY, now)).toISOString() }
    : {};
  yield { ...profile, ...lastLogin };
  yield buildEmailGuardItem(email, userId, joined);

  const tasks: TaskRef[] = [];
  for (let i = 0; i < plan.tasks; i += 1) {
    const task = buildSeedTask(userId, joined.getTime(), random, now);
    tasks.push({
      taskId: task.TaskId,
      title: task.Title,
      status: task.Status,
      dueDate: task.DueDate,
    });
    yield task;
  }
  for (let i = 0; i < plan.notifications; i += 1) {
    yield buildSeedNotification(userId, tasks, random, now);
  }
}

function dueDateFor(bucket: DueBucket, random: Random, now: number, joined: number) {
  const startOfToday = now - (now % DAY);
  switch (bucket) {
    case 'overdue':
      return Math.max(
        roundTo(now - between(random, HOUR, 30 * DAY), 15 * MINUTE),
        joined + 2 * HOUR,
      );
    case 'today':
      return roundTo(between(random, startOfToday, startOfToday + DAY - 15 * MINUTE), 15 * MINUTE);
    case 'next24h':
      return roundTo(now + between(random, 30 * MINUTE, DAY - 15 * MINUTE), 15 * MINUTE);
    case 'later':
      return roundTo(now + between(random, DAY + HOUR, 60 * DAY), 15 * MINUTE);
    case 'none':
      return undefined;
  }
}

function buildSeedTask(userId: string, joined: number, random: Random, now: number): TaskItem {
  const template = random.pick(TASKS);
  const due = dueDateFor(random.weighted(DUE_WEIGHTS), random, now, joined);
  const status = random.weighted(
    STATUS_WEIGHTS[due !== undefined && due < now ? 'past' : 'future'],
  );
  const createdFrom = Math.max(joined, now - 45 * DAY);
  const createdTo = Math.min(now, due ?? now) - 30 * MINUTE;
  const createdAt = new Date(between(random, createdFrom, createdTo));
  const touched = status !== 'pending' || random.chance(0.4);
  const updatedAt = touched ? new Date(between(random, createdAt.getTime(), now)) : createdAt;

  const built = buildTaskItem(
    {
      userId,
      taskId: ulid(createdAt.getTime(), random.next),
      title: template.title,
      description: random.chance(0.7) ? template.description : undefined,
      status,
      dueDate: due === undefined ? undefined : new Date(due).toISOString(),
    },
    createdAt,
  );
  // The builder stamps creation time; a seeded task has a history, so its reminder state is
  // worked out again for the real now: past due dates had their reminder sent already.
  const { DueDate_NotificationSent: _atCreation, ...rest } = built;
  const task: TaskItem = {
    ...rest,
    NotificationSent: due !== undefined && due <= now,
    TaskUpdatedAt: updatedAt.toISOString(),
    Version: touched ? random.int(2, 5) : 1,
    ...(status === 'completed' ? { TaskCompletedAt: updatedAt.toISOString() } : {}),
  };
  const reminder = reminderPartitionFor(task, new Date(now));
  return reminder ? { ...task, DueDate_NotificationSent: reminder } : task;
}

function buildSeedNotification(
  userId: string,
  tasks: TaskRef[],
  random: Random,
  now: number,
): NotificationItem {
  const completed = tasks.filter((t) => t.status === 'completed');
  const dated = tasks.filter((t) => t.dueDate !== undefined);
  const kind: NotificationKind =
    completed.length > 0 && random.chance(0.4) ? 'task_completed' : 'task_due';
  const candidates = kind === 'task_completed' ? completed : dated;
  // A notification outlives a deleted task, so one without a task to point at is realistic.
  const task: TaskRef =
    candidates.length > 0
      ? random.pick(candidates)
      : {
          taskId: ulid(now - between(random, DAY, 30 * DAY), random.next),
          title: random.pick(TASKS).title,
          status: 'pending',
          dueDate: undefined,
        };

  const expired = random.chance(0.1);
  const createdAt = new Date(
    expired
      ? now - between(random, (NOTIFICATION_TTL_DAYS + 1) * DAY, (NOTIFICATION_TTL_DAYS + 10) * DAY)
      : now - between(random, MINUTE, (NOTIFICATION_TTL_DAYS - 1) * DAY),
  );
  const message =
    kind === 'task_completed'
      ? `"${task.title}" was marked as completed.`
      : `"${task.title}" is due within 24 hours.`;
  const built = buildNotificationItem(
    {
      userId,
      notificationId: ulid(createdAt.getTime(), random.next),
      kind,
      taskId: task.taskId,
      title: task.title,
      message,
      ttlDays: NOTIFICATION_TTL_DAYS,
    },
    createdAt,
  );
  if (!random.chance(expired ? 0.8 : 0.5)) return built;
  // Reading removes the sparse unread key, as the notification service does.
  const { Notif_UnreadAt: _unread, ...read } = built;
  return { ...read, Notif_isRead: true, Version: 2 };
}

export type SeedEntityType = SeedItem['EntityType'];

export interface SeedStats {
  byType: Record<SeedEntityType, number>;
  taskStatus: Record<TaskStatus, number>;
  taskDue: { overdue: number; within24h: number; later: number; none: number };
  /** Tasks due on today's (UTC) date, before or after now. */
  dueToday: number;
  pendingReminders: number;
  notifications: { unread: number; read: number; expired: number };
}

export function emptyStats(): SeedStats {
  return {
    byType: { USER: 0, EMAIL: 0, TASK: 0, NOTIF: 0 },
    taskStatus: Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>,
    taskDue: { overdue: 0, within24h: 0, later: 0, none: 0 },
    dueToday: 0,
    pendingReminders: 0,
    notifications: { unread: 0, read: 0, expired: 0 },
  };
}

/** Counts what an item adds to the variety the seed promises. */
export function tallyItem(stats: SeedStats, item: SeedItem, now: Date): void {
  stats.byType[item.EntityType] += 1;
  if (item.EntityType === 'TASK') {
    stats.taskStatus[item.Status] += 1;
    if (item.DueDate_NotificationSent) stats.pendingReminders += 1;
    if (!item.DueDate) {
      stats.taskDue.none += 1;
      return;
    }
    const due = Date.parse(item.DueDate);
    if (due < now.getTime()) stats.taskDue.overdue += 1;
    else if (due <= now.getTime() + DAY) stats.taskDue.within24h += 1;
    else stats.taskDue.later += 1;
    if (item.DueDate.slice(0, 10) === now.toISOString().slice(0, 10)) stats.dueToday += 1;
  } else if (item.EntityType === 'NOTIF') {
    if (isExpired(item, now)) stats.notifications.expired += 1;
    else if (item.Notif_isRead) stats.notifications.read += 1;
    else stats.notifications.unread += 1;
  }
}
