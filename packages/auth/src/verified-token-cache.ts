import type { AuthenticatedUser } from './verifier';

export interface VerifiedToken {
  user: AuthenticatedUser;
  /** The key that signed it: a hit counts only while the JWKS still serves this key. */
  kid: string;
}

/**
 * Tokens that passed every check, keyed by their exact text, so a client's next request with the
 * same token skips the RS256 signature check and claim parsing (most of the auth cost). Bounded:
 * past `maxEntries` the oldest entry goes. The verifier still checks expiry and the signing key's
 * presence in the JWKS on every hit, so a hit accepts nothing a full verification would refuse.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, VerifiedToken>();

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): VerifiedToken | undefined {
    return this.entries.get(token);
  }

  set(token: string, verified: VerifiedToken): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(token);
    this.entries.set(token, verified);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(token: string): void {
    this.entries.delete(token);
  }
}
