import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { authTesting } from '@taskmgr/auth';
import { newId, ProfileRepository } from '@taskmgr/dynamo';
import { useTestTable } from '@taskmgr/test-support';
import { buildApp, buildNotificationApp } from '../../src/app';
import type { DevOutboxEntry } from '../../src/channels/dev-channel';
import { loadNotificationServiceConfig } from '../../src/config';
import { runDueReminderJob } from '../../src/jobs/due-reminders';
import {
  createUser,
  ManualClock,
  notificationItems,
  putTasks,
  serviceEnv,
  TOPICS,
  taskRepository,
} from '../support/harness';

const table = useTestTable('service');
const serviceDir = join(__dirname, '..', '..');

const hoursAhead = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('with its timers on, the service reminds, notifies completions and shows them in the dev outbox', async () => {
  const cognito = authTesting.cognitoTestEnv();
  const login = await authTesting.createCognitoTestUser(cognito);
  await new ProfileRepository(table).create({
    userId: login.userId,
    email: login.email,
    firstName: 'Ada',
    lastName: 'L',
    phoneNumber: '+14155550151',
    notificationPreferences: { email: true, sms: true },
  });
  const clock = new ManualClock(new Date().toISOString());
  const dueTaskId = newId();
  const doneTaskId = newId();
  await putTasks(table, clock, [
    { userId: login.userId, taskId: dueTaskId, title: 'Due soon', dueDate: hoursAhead(3) },
    { userId: login.userId, taskId: doneTaskId, title: 'Finish me' },
  ]);
  await taskRepository(table, clock).update(login.userId, doneTaskId, { status: 'completed' });

  const { app, runtime } = await buildNotificationApp({
    config: loadNotificationServiceConfig(
      serviceEnv(table, { REMINDER_INTERVAL_SECONDS: '60', COMPLETION_POLL_INTERVAL_MS: '50' }),
    ),
    clients: table,
  });
  try {
    await app.ready();
    const outbox = await eventually(
      async () =>
        (await app.inject({ method: 'GET', url: '/dev/outbox' })).json() as {
          items: DevOutboxEntry[];
        },
      (body) => body.items.length >= 8,
    );
    // Two notifications × (email, SMS, email topic, SMS topic).
    expect(outbox.items).toHaveLength(8);
    expect(
      outbox.items
        .filter((e) => e.channel === 'email')
        .map((e) => e.channel === 'email' && e.subject)
        .sort(),
    ).toEqual(['Task completed: Finish me', 'Task due soon: Due soon']);
    expect(
      outbox.items.filter((e) => e.channel === 'sms').every((e) => e.to === '+14155550151'),
    ).toBe(true);
    const toMe = (
      await app.inject({ method: 'GET', url: `/dev/outbox?to=${encodeURIComponent(login.email)}` })
    ).json() as {
      items: DevOutboxEntry[];
    };
    expect(toMe.items).toHaveLength(2);

    const inbox = await app.inject({
      method: 'GET',
      url: '/notifications',
      headers: { authorization: `Bearer ${login.accessToken}` },
    });
    expect(
      (inbox.json() as { items: Array<{ kind: string; taskId: string }> }).items
        .map((n) => [n.kind, n.taskId])
        .sort(),
    ).toEqual(
      [
        ['task_completed', doneTaskId],
        ['task_due', dueTaskId],
      ].sort(),
    );
    expect(runtime.devOutbox?.list()).toHaveLength(8);
    expect((await app.inject({ method: 'DELETE', url: '/dev/outbox' })).statusCode).toBe(204);
    expect(runtime.devOutbox?.list()).toEqual([]);
  } finally {
    await app.close();
  }
  // Closing stopped the timers: new work stays untouched.
  const laterTaskId = newId();
  await putTasks(table, clock, [{ userId: login.userId, taskId: laterTaskId, title: 'Later' }]);
  await taskRepository(table, clock).update(login.userId, laterTaskId, { status: 'completed' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect((await notificationItems(table, login.userId)).map((n) => n.TaskId)).not.toContain(
    laterTaskId,
  );
});

test('in aws mode there is no dev outbox; health answers', async () => {
  const app = await buildApp({
    config: loadNotificationServiceConfig(
      serviceEnv(table, {
        DELIVERY_MODE: 'aws',
        SNS_TOPIC_TASK_DUE_EMAIL_ARN: TOPICS.taskDueEmail,
        SNS_TOPIC_TASK_DUE_SMS_ARN: TOPICS.taskDueSms,
        SNS_TOPIC_TASK_COMPLETED_EMAIL_ARN: TOPICS.taskCompletedEmail,
        SNS_TOPIC_TASK_COMPLETED_SMS_ARN: TOPICS.taskCompletedSms,
      }),
    ),
    clients: table,
  });
  try {
    expect((await app.inject({ method: 'GET', url: '/dev/outbox' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const docs = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        '/notifications',
        '/notifications/unread-count',
        '/notifications/read-all',
        '/notifications/{notificationId}/read',
        '/notifications/{notificationId}',
      ]),
    );
    expect(Object.keys(docs.paths)).not.toContain('/dev/outbox');
  } finally {
    await app.close();
  }
});

describe('the one-shot due-reminder job', () => {
  test('in process: one run over what is due, with the same scanner', async () => {
    const clock = new ManualClock('2030-07-01T06:00:00.000Z');
    const user = await createUser(table, { email: false, sms: false });
    await putTasks(
      table,
      clock,
      Array.from({ length: 3 }, (_, i) => ({
        userId: user.userId,
        taskId: newId(clock.now()),
        title: `Job ${i}`,
        dueDate: new Date(clock.now().getTime() + (i + 1) * 3_600_000).toISOString(),
      })),
    );
    const report = await runDueReminderJob({
      env: serviceEnv(table),
      clients: table,
      now: clock.now,
    });
    expect(report.outcomes.sent).toBe(3);
    expect(await notificationItems(table, user.userId)).toHaveLength(3);
  });

  function runJobProcess(env: Record<string, string>) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          join(serviceDir, '..', '..', 'node_modules', '.bin', 'tsx'),
          ['src/jobs/due-reminders.ts'],
          { cwd: serviceDir, env: { PATH: process.env.PATH ?? '', ...env } },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
        });
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      },
    );
  }

  test('as a process: exits 0 after the run and logs its report', async () => {
    const user = await createUser(table, { email: false, sms: false });
    const clock = new ManualClock(new Date().toISOString());
    await putTasks(table, clock, [
      { userId: user.userId, taskId: newId(), title: 'Process', dueDate: hoursAhead(2) },
    ]);
    const { code, stdout, stderr } = await runJobProcess({
      ...serviceEnv(table),
      LOG_LEVEL: 'info',
    });
    expect({ code, stderr: stderr.includes('failed') ? stderr : '' }).toEqual({
      code: 0,
      stderr: '',
    });
    const finished = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map(
        (line) =>
          JSON.parse(line) as { msg?: string; dueReminders?: { outcomes: { sent: number } } },
      )
      .find((entry) => entry.msg === 'due-reminder run finished');
    expect(finished?.dueReminders?.outcomes.sent).toBeGreaterThanOrEqual(1);
    expect((await notificationItems(table, user.userId)).map((n) => n.Title)).toEqual(['Process']);
  });

  test('as a process: a bad configuration exits 1 naming the variable', async () => {
    const { code, stderr } = await runJobProcess({ ...serviceEnv(table), DELIVERY_MODE: 'smtp' });
    expect(code).toBe(1);
    expect(stderr).toContain('DELIVERY_MODE');
  });
});
