import {
  CursorCodec,
  type CursorQuery,
  canonicalJson,
  InvalidCursorError,
  type InvalidCursorReason,
  type PageKey,
} from '@taskmgr/dynamo';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const USER = 'user-1';
const QUERY: CursorQuery = { sort: 'dueDate', order: 'asc', status: 'pending' };
const LAST_KEY: PageKey = {
  EntityPartition: 'USER_user-1',
  EntitySort: 'TASK_01HZZZZZZZZZZZZZZZZZZZZZZZ',
  TaskDueSort: '2030-01-01T00:00:00.000Z#01HZZZZZZZZZZZZZZZZZZZZZZZ',
};

function reasonOf(run: () => unknown): InvalidCursorReason | 'no error' | 'other error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof InvalidCursorError ? error.reason : 'other error';
  }
}

function flipByte(token: string, index: number): string {
  const bytes = Buffer.from(token, 'base64url');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64url');
}

describe('CursorCodec', () => {
  let clock: Date;
  let codec: CursorCodec;
  beforeEach(() => {
    clock = new Date('2030-01-01T00:00:00.000Z');
    codec = new CursorCodec({ secret: SECRET, ttlMs: 60_000, now: () => clock });
  });

  test('round-trips the last key for the same user and query', () => {
    const token = codec.encode({ userId: USER, query: QUERY, lastKey: LAST_KEY });
    expect(codec.decode(token, { userId: USER, query: QUERY })).toEqual(LAST_KEY);
  });

  test('the query is compared canonically: key order and undefined members do not matter', () => {
    const token = codec.encode({ userId: USER, query: QUERY, lastKey: LAST_KEY });
    const reordered: CursorQuery = {
      status: 'pending',
      order: 'asc',
      sort: 'dueDate',
      dueBefore: undefined,
    };
    expect(codec.decode(token, { userId: USER, query: reordered })).toEqual(LAST_KEY);
  });

  test('two encodings of one key differ (random IV) and neither shows the key', () => {
    const first = codec.encode({ userId: USER, query: QUERY, lastKey: LAST_KEY });
    const second = codec.encode({ userId: USER, query: QUERY, lastKey: LAST_KEY });
    expect(first).not.toBe(second);
    for (const token of [first, second]) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      const visible = `${token}\n${Buffer.from(token, 'base64url').toString('latin1')}`;
      for (const fragment of ['USER_', 'TASK_', 'EntityPartition', 'user-1', '2030-01-01']) {
        expect(visible).not.toContain(fragment);
      }
    }
  });

  test.each([
    ['the version byte', 0],
    ['the IV', 5],
    ['the auth tag', 20],
    ['the ciphertext', 40],
  ])('a flipped byte in %s is rejected', (_part, index) => {
    const token = codec.encode({ userId: USER, query: QUERY, lastKey: LAST_KEY });
    const reason = reasonOf(() =>
      codec.decode(flipByte(token, index), { userId: USER, query: QUERY }),
    );
    // The version byte is checked before decryption; every other byte fails authentication.
    expect(reason).toBe(index === 0 ? 'malformed' : 'tampered');
  });

  test('a token made with another secret fails authentication', () => {
    const other = new CursorCodec({ secret: `${SECRET}-other`, now: () => clock });
    const token = other.encode({ userId: USER, query: QUERY, lastKey: LAST_KEY });
    expect(reasonOf(() => codec.decode(token, { userId: USER, query: QUERY }))).toBe('tampered');
  });

  test('expires after the TTL, measured on the injected clock', () => {
    const token = codec.encode({ userId: USER, query: QUERY, lastKey: LAST_KEY });
    clock = new Date(clock.getTime() + 59_999);
    expect(codec.decode(token, { userId: USER, query: QUERY })).toEqual(LAST_KEY);
    clock = new Date(clock.getTime() + 1);
    expect(reasonOf(() => codec.decode(token, { userId: USER, query: QUERY }))).toBe('expired');
  });

  test("another user's cursor is refused", () => {
    const token = codec.encode({ userId: 'user-2', query: QUERY, lastKey: LAST_KEY });
    expect(reasonOf(() => codec.decode(token, { userId: USER, query: QUERY }))).toBe(
      'foreign-user',
    );
  });

  test.each<[string, CursorQuery]>([
    ['another sort', { ...QUERY, sort: 'updatedAt' }],
    ['another order', { ...QUERY, order: 'desc' }],
    ['a removed filter', { sort: 'dueDate', order: 'asc' }],
    ['an added filter', { ...QUERY, dueBefore: '2030-02-01T00:00:00.000Z' }],
    ['a number instead of a string', { ...QUERY, status: 1 }],
  ])('the cursor reused with %s is refused', (_label, changed) => {
    const token = codec.encode({ userId: USER, query: QUERY, lastKey: LAST_KEY });
    expect(reasonOf(() => codec.decode(token, { userId: USER, query: changed }))).toBe(
      'query-mismatch',
    );
  });

  test.each<[string, unknown]>([
    ['an empty string', ''],
    ['plain text', 'not a cursor'],
    ['padding', 'AAAA=='],
    ['a short token', 'AQID'],
    ['non-base64url characters', 'abc+/def'],
    ['a huge token', 'A'.repeat(10_000)],
    ['a number', 42],
    ['undefined', undefined],
    ['an array (repeated query parameter)', ['a', 'b']],
    [
      'JSON',
      Buffer.from(JSON.stringify({ k: { EntityPartition: 'USER_x' } })).toString('base64url'),
    ],
  ])('garbage (%s) is malformed', (_label, garbage) => {
    expect(reasonOf(() => codec.decode(garbage, { userId: USER, query: QUERY }))).toBe('malformed');
  });

  test('a non-canonical encoding of a valid token (same bytes, other string) is refused', () => {
    // Pick a key whose token length leaves unused bits in the last character.
    const token = ['', 'x', 'xx']
      .map((pad) =>
        codec.encode({
          userId: USER,
          query: QUERY,
          lastKey: { ...LAST_KEY, EntitySort: `TASK_${pad}` },
        }),
      )
      .find((candidate) => Buffer.from(candidate, 'base64url').length % 3 !== 0);
    if (!token) throw new Error('no token with spare bits');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = token.at(-1) ?? 'A';
    const variant = `${token.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`;
    expect(Buffer.from(variant, 'base64url')).toEqual(Buffer.from(token, 'base64url'));
    expect(reasonOf(() => codec.decode(variant, { userId: USER, query: QUERY }))).toBe('malformed');
  });

  test('refuses a short secret and a non-positive TTL', () => {
    expect(() => new CursorCodec({ secret: 'x'.repeat(31) })).toThrow(/at least 32/);
    expect(() => new CursorCodec({ secret: SECRET, ttlMs: 0 })).toThrow(RangeError);
  });
});

describe('canonicalJson', () => {
  test('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
  });
});
