import { HttpProblem } from '@taskmgr/service-kit';
import { etagOf, expectedVersionFrom } from '../../src/http/preconditions';
import { idempotencyKeyFrom } from '../../src/idempotency/idempotency-key';
import { createRequestHash } from '../../src/idempotency/request-hash';

function problemOf(run: () => unknown): HttpProblem | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof HttpProblem ? error : undefined;
  }
}

describe('ETag and If-Match', () => {
  test('the ETag is the version, strong and quoted', () => {
    expect(etagOf(7)).toBe('"7"');
  });

  test.each([
    [undefined, undefined],
    ['"3"', 3],
    ['W/"3"', 3],
    [' "12" ', 12],
    ['"0"', 0],
  ])('If-Match %p expects version %p', (header, version) => {
    expect(expectedVersionFrom(header)).toBe(version);
  });

  test.each(['3', '"3', '"abc"', '*', '"1", "2"', 'w/"3"', '"1234567890123456"', ''])(
    'If-Match %p is a 400 naming the header',
    (header) => {
      const problem = problemOf(() => expectedVersionFrom(header));
      expect(problem?.status).toBe(400);
      expect(problem?.extra.errors).toEqual([
        expect.objectContaining({ field: 'If-Match', in: 'headers' }),
      ]);
    },
  );

  test('a repeated If-Match header is a 400', () => {
    expect(problemOf(() => expectedVersionFrom(['"1"', '"2"']))?.status).toBe(400);
  });
});

describe('Idempotency-Key', () => {
  test.each(['a', 'order-2030-07-01', 'x'.repeat(255), 'with spaces and ~!@#$%^&*()'])(
    '%p is accepted as sent',
    (key) => {
      expect(idempotencyKeyFrom(key)).toBe(key);
    },
  );

  test.each(['', 'x'.repeat(256), 'tab\there', 'naïve', 'line\nbreak'])(
    '%p is a 400 naming the header',
    (key) => {
      const problem = problemOf(() => idempotencyKeyFrom(key));
      expect(problem?.status).toBe(400);
      expect(problem?.extra.errors).toEqual([
        expect.objectContaining({ field: 'Idempotency-Key', in: 'headers' }),
      ]);
    },
  );

  test('absent is fine; sent twice is not', () => {
    expect(idempotencyKeyFrom(undefined)).toBeUndefined();
    expect(problemOf(() => idempotencyKeyFrom(['a', 'b']))?.status).toBe(400);
  });
});

describe('request hash', () => {
  const base = {
    title: 'Pay rent',
    description: undefined,
    status: 'pending' as const,
    dueDate: '2030-01-01T08:00:00.000Z',
  };

  test('depends on every field', () => {
    const hash = createRequestHash(base);
    expect(createRequestHash({ ...base })).toBe(hash);
    expect(createRequestHash({ ...base, title: 'Pay Rent' })).not.toBe(hash);
    expect(createRequestHash({ ...base, description: 'x' })).not.toBe(hash);
    expect(createRequestHash({ ...base, status: 'in_progress' })).not.toBe(hash);
    expect(createRequestHash({ ...base, dueDate: undefined })).not.toBe(hash);
  });
});
