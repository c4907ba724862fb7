import pino from 'pino';
import { runRecurring } from '../../src/workers/recurring';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('runs at once and then after each run, never two at a time', async () => {
  let running = 0;
  let maxRunning = 0;
  let runs = 0;
  const job = runRecurring(
    'test',
    5,
    async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      runs += 1;
      await sleep(20);
      running -= 1;
    },
    log,
  );
  // Polls rather than sleeping a fixed time, so a slow machine only makes it slower.
  for (const deadline = Date.now() + 10_000; runs < 3 && Date.now() < deadline; ) await sleep(10);
  await job.stop();
  expect(runs).toBeGreaterThanOrEqual(3);
  expect(maxRunning).toBe(1);
});

test('a failed run does not stop the next; stop waits for the run in progress', async () => {
  let runs = 0;
  let finished = false;
  const job = runRecurring(
    'test',
    5,
    async () => {
      runs += 1;
      if (runs === 1) throw new Error('boom');
      await sleep(30);
      finished = true;
    },
    log,
  );
  for (const deadline = Date.now() + 10_000; runs < 2 && Date.now() < deadline; ) await sleep(1);
  await job.stop();
  expect(runs).toBe(2);
  expect(finished).toBe(true);
  const after = runs;
  await sleep(30);
  expect(runs).toBe(after);
});
