import { JwtWithoutValidKidError, KidNotFoundInJwksError } from 'aws-jwt-verify/error';
import {
  assertIsJwks,
  findJwkInJwks,
  type Jwks,
  type JwksCache,
  type JwkWithKid,
} from 'aws-jwt-verify/jwk';
import { safeJsonParse } from 'aws-jwt-verify/safe-json-parse';
import { JwksUnavailableError } from './errors';

export interface JwksCacheOptions {
  /** The one URI keys are fetched from; requests for any other URI are refused. */
  jwksUri: string;
  /** Keys older than this are re-fetched on next use, so removed keys stop working. */
  maxAgeMs?: number;
  /**
   * Minimum time between two fetches, whatever triggers them (unknown `kid`, expiry, failure).
   * A flood of tokens with made-up `kid`s therefore costs the JWKS endpoint one request per period.
   */
  refreshCooldownMs?: number;
  fetchTimeoutMs?: number;
  /** A JWKS is a few hundred bytes; anything far larger is refused rather than buffered. */
  maxResponseBytes?: number;
  now?: () => number;
}

type DecomposedJwt = Parameters<JwksCache['getJwk']>[1];

/**
 * JWKS cache for a single, configured URI, plugged into aws-jwt-verify in place of its default
 * cache. The default one keeps keys forever, only speaks https (cognito-local is http) and does
 * not rate-limit fetches that fail, so a down endpoint would be hit on every request.
 */
export class ConfiguredJwksCache implements JwksCache {
  readonly jwksUri: string;
  private readonly maxAgeMs: number;
  private readonly refreshCooldownMs: number;
  private readonly fetchTimeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly now: () => number;
  private jwks: Jwks | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastAttemptFailed = false;
  private inflight: Promise<Jwks> | undefined;

  constructor(options: JwksCacheOptions) {
    this.jwksUri = options.jwksUri;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.refreshCooldownMs = options.refreshCooldownMs ?? 30_000;
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? 3_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
    this.now = options.now ?? Date.now;
  }

  async getJwk(jwksUri: string, decomposedJwt: DecomposedJwt): Promise<JwkWithKid> {
    this.assertConfiguredUri(jwksUri);
    const kid = requireKid(decomposedJwt);
    const cached = this.jwks ? findJwkInJwks(this.jwks, kid) : undefined;
    if (cached && this.now() - this.fetchedAt < this.maxAgeMs) return cached;

    if (!this.inflight && this.now() - this.lastAttemptAt < this.refreshCooldownMs) {
      // Rate-limited: answer from what we already have.
      if (cached) return cached;
      if (!this.jwks || this.lastAttemptFailed) {
        throw new JwksUnavailableError('JWKS endpoint unavailable, waiting before retrying');
      }
      throw new KidNotFoundInJwksError(`No key with kid "${kid}" in the JWKS`);
    }

    let jwks: Jwks;
    try {
      jwks = await this.refresh();
    } catch (err) {
      // Stale keys beat no keys while the endpoint is down.
      if (cached) return cached;
      throw err;
    }
    const jwk = findJwkInJwks(jwks, kid);
    if (!jwk) throw new KidNotFoundInJwksError(`No key with kid "${kid}" in the JWKS`);
    return jwk;
  }

  /**
   * Whether the keys in hand are within maxAgeMs and include `kid`: what `getJwk` would answer
   * from memory, without a fetch. Stale keys or a removed kid answer false.
   */
  servesFreshKey(kid: string): boolean {
    return (
      this.jwks !== undefined &&
      this.now() - this.fetchedAt < this.maxAgeMs &&
      findJwkInJwks(this.jwks, kid) !== undefined
    );
  }

  getCachedJwk(jwksUri: string, decomposedJwt: DecomposedJwt): JwkWithKid {
    this.assertConfiguredUri(jwksUri);
    const kid = requireKid(decomposedJwt);
    if (!this.jwks) throw new JwksUnavailableError('JWKS not loaded yet');
    const jwk = findJwkInJwks(this.jwks, kid);
    if (!jwk) throw new KidNotFoundInJwksError(`No key with kid "${kid}" in the JWKS`);
    return jwk;
  }

  addJwks(jwksUri: string, jwks: Jwks): void {
    this.assertConfiguredUri(jwksUri);
    assertIsJwks(jwks);
    this.jwks = jwks;
    this.fetchedAt = this.now();
  }

  getJwks(jwksUri: string): Promise<Jwks> {
    this.assertConfiguredUri(jwksUri);
    return this.refresh();
  }

  /** One fetch at a time; concurrent callers share it. */
  private refresh(): Promise<Jwks> {
    if (this.inflight) return this.inflight;
    this.lastAttemptAt = this.now();
    this.inflight = this.fetchJwks()
      .then(
        (jwks) => {
          this.jwks = jwks;
          this.fetchedAt = this.now();
          this.lastAttemptFailed = false;
          return jwks;
        },
        (err: unknown) => {
          this.lastAttemptFailed = true;
          throw new JwksUnavailableError(`Could not fetch the JWKS from ${this.jwksUri}`, {
            cause: err,
          });
        },
      )
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  private async fetchJwks(): Promise<Jwks> {
    const response = await fetch(this.jwksUri, {
      headers: { accept: 'application/json' },
      // A redirect would move the key source somewhere the config never named.
      redirect: 'error',
      signal: AbortSignal.timeout(this.fetchTimeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`JWKS endpoint answered ${response.status}`);
    }
    const jwks = safeJsonParse(await this.readBody(response));
    assertIsJwks(jwks);
    return jwks;
  }

  private async readBody(response: Response): Promise<string> {
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > this.maxResponseBytes) throw new Error('JWKS response too large');
    const reader = response.body?.getReader();
    if (!reader) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxResponseBytes) {
        await reader.cancel();
        throw new Error('JWKS response too large');
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private assertConfiguredUri(jwksUri: string): void {
    if (jwksUri !== this.jwksUri) {
      throw new Error(`Refusing keys from an unconfigured JWKS URI: ${jwksUri}`);
    }
  }
}

function requireKid(decomposedJwt: DecomposedJwt): string {
  const kid = decomposedJwt.header.kid;
  if (typeof kid !== 'string' || kid === '') {
    throw new JwtWithoutValidKidError('JWT header has no valid kid');
  }
  return kid;
}
