import { JwtVerifier } from 'aws-jwt-verify';
import { JwtBaseError, JwtExpiredError, JwtParseError } from 'aws-jwt-verify/error';
import type { Jwk } from 'aws-jwt-verify/jwk';
import { decomposeUnverifiedJwt } from 'aws-jwt-verify/jwt';
import type { JwtHeader, JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { ResolvedAuthConfig } from './config';
import { InvalidAccessTokenError, JwksUnavailableError } from './errors';
import { ConfiguredJwksCache, type JwksCacheOptions } from './jwks-cache';
import { VerifiedTokenCache } from './verified-token-cache';

/** Who made the request, taken from a verified Cognito access token and nothing else. */
export interface AuthenticatedUser {
  /** The Cognito `sub`: the user id used as the DynamoDB partition key. */
  userId: string;
  /** Cognito `username`; an alias for the user, not a stable id. */
  username: string;
  scopes: string[];
  clientId: string;
  expiresAt: Date;
}

export interface AccessTokenVerifierOptions {
  /** Tolerated clock difference with Cognito for `exp`, `nbf` and `iat`. */
  clockSkewSeconds?: number;
  /** Upper bound on `exp - iat`; Cognito access tokens live at most one day. */
  maxTokenLifetimeSeconds?: number;
  jwks?: Omit<JwksCacheOptions, 'jwksUri'>;
  /**
   * How many verified tokens to remember (see `VerifiedTokenCache`); 0 verifies every request in
   * full. A token is ~1 KB, so the default costs about 2 MB at most.
   */
  verifiedTokenCacheSize?: number;
}

export interface AccessTokenVerifier {
  readonly issuer: string;
  readonly clientId: string;
  readonly jwksUri: string;
  /**
   * Resolves with the user for a valid access token. Rejects with `InvalidAccessTokenError` for
   * any token that is not accepted, or `JwksUnavailableError` when the keys cannot be fetched.
   */
  verify(token: string): Promise<AuthenticatedUser>;
  /** Fetches the signing keys ahead of the first request. */
  hydrate(): Promise<void>;
}

// Cognito tokens are 1-2 KB; a cap keeps junk from reaching base64 and JSON parsing.
const MAX_TOKEN_LENGTH = 16 * 1024;
const MIN_RSA_MODULUS_BYTES = 256;

export function createAccessTokenVerifier(
  config: ResolvedAuthConfig,
  options: AccessTokenVerifierOptions = {},
): AccessTokenVerifier {
  const clockSkewSeconds = options.clockSkewSeconds ?? 30;
  const maxLifetimeSeconds = options.maxTokenLifetimeSeconds ?? 24 * 60 * 60;
  const jwksCache = new ConfiguredJwksCache({ ...options.jwks, jwksUri: config.jwksUri });
  const verified = new VerifiedTokenCache(options.verifiedTokenCacheSize ?? 2_000);
  // jwksUri is set explicitly, so the library never derives one from the issuer, let alone the token.
  const verifier = JwtVerifier.create(
    {
      issuer: config.issuer,
      jwksUri: config.jwksUri,
      audience: null, // Cognito access tokens carry client_id, not aud; checked below.
      graceSeconds: clockSkewSeconds,
    },
    { jwksCache },
  );

  return {
    issuer: config.issuer,
    clientId: config.clientId,
    jwksUri: config.jwksUri,

    async verify(token: string): Promise<AuthenticatedUser> {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
        throw new InvalidAccessTokenError('malformed', 'empty or oversized token');
      }
      const hit = verified.get(token);
      if (hit) {
        // The same expiry rule as the library's, and the signing key must still be current.
        const exp = hit.user.expiresAt.getTime() / 1000;
        if (exp + clockSkewSeconds >= Date.now() / 1000 && jwksCache.servesFreshKey(hit.kid)) {
          return hit.user;
        }
        verified.delete(token);
      }
      let unverified: ReturnType<typeof decomposeUnverifiedJwt>;
      try {
        unverified = decomposeUnverifiedJwt(token);
      } catch (err) {
        throw new InvalidAccessTokenError('malformed', 'not a JWS compact serialisation', {
          cause: err,
        });
      }
      // Cheap checks before any key lookup, so foreign or doctored tokens never cause a JWKS
      // fetch, and the library's key-object cache (keyed by the unverified iss) stays bounded.
      checkHeader(unverified.header);
      if (unverified.payload.iss !== config.issuer) {
        throw new InvalidAccessTokenError('invalid', 'issuer mismatch');
      }

      let user: AuthenticatedUser | undefined;
      try {
        await verifier.verify(token, {
          // Runs only after the signature, exp, nbf and iss checks have passed.
          customJwtCheck: ({ header, payload, jwk }) => {
            checkHeader(header);
            checkKey(jwk);
            user = readAccessClaims(payload, {
              clientId: config.clientId,
              clockSkewSeconds,
              maxLifetimeSeconds,
            });
          },
        });
      } catch (err) {
        throw toVerificationError(err);
      }
      if (!user) throw new InvalidAccessTokenError('invalid', 'claims were not checked');
      Object.freeze(user.scopes);
      // Frozen: a cache hit hands the same object to every request that carries this token.
      verified.set(token, {
        user: Object.freeze(user),
        kid: unverified.header.kid as string,
      });
      return user;
    },

    async hydrate(): Promise<void> {
      await jwksCache.getJwks(config.jwksUri);
    },
  };
}

function checkHeader(header: JwtHeader): void {
  // RS256 only: rules out `none`, HMAC with the public key as secret, and EC/EdDSA keys.
  if (header.alg !== 'RS256') throw new InvalidAccessTokenError('invalid', 'algorithm not RS256');
  if (typeof header.kid !== 'string' || header.kid === '') {
    throw new InvalidAccessTokenError('invalid', 'missing kid');
  }
  // No critical extensions are understood, so RFC 7515 §4.1.11 requires refusing any.
  if ('crit' in header) throw new InvalidAccessTokenError('invalid', 'crit header present');
}

function checkKey(jwk: Jwk): void {
  if (jwk.kty !== 'RSA' || (jwk.alg !== undefined && jwk.alg !== 'RS256')) {
    throw new InvalidAccessTokenError('invalid', 'key is not an RS256 key');
  }
  if (typeof jwk.n !== 'string' || Buffer.from(jwk.n, 'base64url').length < MIN_RSA_MODULUS_BYTES) {
    throw new InvalidAccessTokenError('invalid', 'RSA key shorter than 2048 bits');
  }
}

interface ClaimExpectations {
  clientId: string;
  clockSkewSeconds: number;
  maxLifetimeSeconds: number;
}

function readAccessClaims(payload: JwtPayload, expected: ClaimExpectations): AuthenticatedUser {
  const reject = (why: string): never => {
    throw new InvalidAccessTokenError('invalid', why);
  };
  if (payload.token_use !== 'access') reject('token_use is not access');
  if (payload.client_id !== expected.clientId) reject('client_id mismatch');
  const { sub, username, exp, iat, scope } = payload;
  if (typeof sub !== 'string' || sub === '') return reject('missing sub');
  if (typeof username !== 'string' || username === '') return reject('missing username');
  // The library checks exp and nbf only when present; an access token must have exp and iat.
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return reject('missing exp');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return reject('missing iat');
  const nowSeconds = Date.now() / 1000;
  if (iat > nowSeconds + expected.clockSkewSeconds) reject('issued in the future');
  if (exp <= iat || exp - iat > expected.maxLifetimeSeconds) reject('implausible lifetime');
  return {
    userId: sub,
    username,
    scopes: typeof scope === 'string' ? scope.split(' ').filter((s) => s.length > 0) : [],
    clientId: expected.clientId,
    expiresAt: new Date(exp * 1000),
  };
}

function toVerificationError(err: unknown): Error {
  if (err instanceof InvalidAccessTokenError || err instanceof JwksUnavailableError) return err;
  if (err instanceof JwtExpiredError) {
    return new InvalidAccessTokenError('expired', 'token expired', { cause: err });
  }
  if (err instanceof JwtParseError) {
    return new InvalidAccessTokenError('malformed', err.message, { cause: err });
  }
  if (err instanceof JwtBaseError) {
    return new InvalidAccessTokenError('invalid', `${err.name}: ${err.message}`, { cause: err });
  }
  // Anything else (e.g. a key the crypto layer cannot import) still means "not accepted".
  const message = err instanceof Error ? err.message : String(err);
  return new InvalidAccessTokenError('invalid', `verification failed: ${message}`, { cause: err });
}
