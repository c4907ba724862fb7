import { isPermanentChannelError, retryWithBackoff } from '../../src/delivery/retry';

const fast = { baseDelayMs: 1, maxDelayMs: 2 };

function failing(times: number, error: () => Error) {
  let calls = 0;
  const operation = async () => {
    calls += 1;
    if (calls <= times) throw error();
    return 'ok';
  };
  return { operation, calls: () => calls };
}

test('retries a transient failure until it succeeds', async () => {
  const op = failing(2, () => new Error('Throttled'));
  await expect(retryWithBackoff(op.operation, { ...fast, attempts: 3 })).resolves.toBe('ok');
  expect(op.calls()).toBe(3);
});

test('gives up after the allowed attempts with the last error', async () => {
  const op = failing(5, () => new Error('Throttled'));
  await expect(retryWithBackoff(op.operation, { ...fast, attempts: 3 })).rejects.toThrow(
    'Throttled',
  );
  expect(op.calls()).toBe(3);
});

test('does not retry a permanent error', async () => {
  const invalid = () =>
    Object.assign(new Error('Invalid phone'), { name: 'InvalidParameterException' });
  expect(isPermanentChannelError(invalid())).toBe(true);
  expect(isPermanentChannelError(new Error('Throttled'))).toBe(false);
  const op = failing(5, invalid);
  await expect(
    retryWithBackoff(op.operation, {
      ...fast,
      attempts: 3,
      isRetryable: (error) => !isPermanentChannelError(error),
    }),
  ).rejects.toThrow('Invalid phone');
  expect(op.calls()).toBe(1);
});

test('waits longer between later attempts (exponential backoff, up to the cap)', async () => {
  // Pin the jitter to the top of its range so the delays are the ceilings: 40, 80, 100 (cap).
  const random = jest.spyOn(Math, 'random').mockReturnValue(0.999);
  try {
    const op = failing(3, () => new Error('down'));
    const starts: number[] = [];
    await retryWithBackoff(op.operation, {
      baseDelayMs: 40,
      maxDelayMs: 100,
      attempts: 4,
      onAttempt: () => starts.push(performance.now()),
    });
    const gaps = starts.slice(1).map((at, i) => at - (starts[i] ?? at));
    // Timers never fire early; a busy machine may make them late, hence only lower bounds.
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[1]).toBeGreaterThanOrEqual(78);
    expect(gaps[2]).toBeGreaterThanOrEqual(98);
  } finally {
    random.mockRestore();
  }
});
