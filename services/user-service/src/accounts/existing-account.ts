import type { CognitoAccount } from '../cognito/identity-provider';

export interface ExistingAccountRules {
  /** How long a Cognito account without a profile is presumed to be a registration in flight. */
  orphanGraceMs: number;
  /** How long a registration that has a profile may wait for its confirmation code. */
  unconfirmedTtlMs: number;
}

/**
 * What a sign-up that found the address already in Cognito should do:
 * - `taken`: a live account owns it (409);
 * - `stale`: the remains of a registration that never finished, a confirmation never given, or
 *   a deletion that was interrupted; clear them and sign up again.
 */
export type ExistingAccountVerdict = 'taken' | 'stale';

export function judgeExistingAccount(
  account: CognitoAccount,
  /** The user id on the address's EMAIL_ guard, if any. */
  guardOwner: string | undefined,
  rules: ExistingAccountRules,
  now: Date,
): ExistingAccountVerdict {
  const ageMs = now.getTime() - account.createdAt.getTime();
  if (guardOwner === undefined) {
    // Younger than the grace period it may be a registration between its two steps right now.
    return ageMs >= rules.orphanGraceMs ? 'stale' : 'taken';
  }
  if (guardOwner !== account.userId) {
    // Our data says someone else owns the address; never delete on a guess.
    return 'taken';
  }
  if (account.status === 'UNCONFIRMED' && ageMs >= rules.unconfirmedTtlMs) return 'stale';
  return 'taken';
}
