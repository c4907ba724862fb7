import { type AuthenticatedUser, VerifiedTokenCache } from '../../src/index';

const entry = (userId: string) => ({ user: { userId } as AuthenticatedUser, kid: 'kid-1' });

describe('VerifiedTokenCache', () => {
  it('keeps at most maxEntries, dropping the oldest first', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', entry('a'));
    cache.set('b', entry('b'));
    cache.set('c', entry('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.user.userId).toBe('b');
    expect(cache.get('c')?.user.userId).toBe('c');
  });

  it('treats a re-verified token as the newest', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', entry('a'));
    cache.set('b', entry('b'));
    cache.set('a', entry('a'));
    cache.set('c', entry('c'));
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('b')).toBeUndefined();
  });

  it('remembers nothing with a size of 0', () => {
    const cache = new VerifiedTokenCache(0);
    cache.set('a', entry('a'));
    expect(cache.size).toBe(0);
    expect(cache.get('a')).toBeUndefined();
  });
});
