import { judgeExistingAccount } from '../../src/accounts/existing-account';
import type { CognitoAccount } from '../../src/cognito/identity-provider';

const NOW = new Date('2030-01-01T12:00:00Z');
const RULES = { orphanGraceMs: 120_000, unconfirmedTtlMs: 86_400_000 };

function account(status: string, ageMs: number): CognitoAccount {
  return { username: 'u-1', userId: 'u-1', status, createdAt: new Date(NOW.getTime() - ageMs) };
}

describe('judging the account that already holds an address', () => {
  test.each([
    [
      'no guard, younger than the grace period: maybe in flight',
      account('UNCONFIRMED', 1_000),
      undefined,
      'taken',
    ],
    [
      'no guard, older than the grace period: an orphan',
      account('UNCONFIRMED', 120_000),
      undefined,
      'stale',
    ],
    [
      'no guard, confirmed and old: a deletion that stopped',
      account('CONFIRMED', 600_000),
      undefined,
      'stale',
    ],
    ['its own guard, confirmed: a live account', account('CONFIRMED', 9e9), 'u-1', 'taken'],
    [
      'its own guard, unconfirmed within the TTL',
      account('UNCONFIRMED', 3_600_000),
      'u-1',
      'taken',
    ],
    ['its own guard, unconfirmed past the TTL', account('UNCONFIRMED', 86_400_000), 'u-1', 'stale'],
    ['a guard owned by someone else', account('UNCONFIRMED', 9e9), 'u-2', 'taken'],
  ] as const)('%s → %s', (_case, existing, guardOwner, verdict) => {
    expect(judgeExistingAccount(existing, guardOwner, RULES, NOW)).toBe(verdict);
  });
});
