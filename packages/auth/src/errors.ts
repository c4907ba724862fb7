/**
 * What a client may learn about a rejected token. Deliberately coarse: `invalid` covers signature,
 * key, algorithm, issuer, client and token-use failures alike, so a caller probing the verifier
 * cannot tell which check stopped it. `expired` is kept apart because clients act on it (refresh).
 */
export type TokenRejection = 'missing' | 'malformed' | 'expired' | 'invalid';

/** The token was not accepted. `cause` keeps the precise reason for logs only. */
export class InvalidAccessTokenError extends Error {
  constructor(
    readonly reason: Exclude<TokenRejection, 'missing'>,
    /** Precise internal reason, for logs; never sent to the client. */
    readonly internalReason: string,
    options?: { cause?: unknown },
  ) {
    super(`Access token rejected (${reason}): ${internalReason}`, options);
    this.name = 'InvalidAccessTokenError';
  }
}

/** The signing keys could not be obtained, so no token can be judged either way right now. */
export class JwksUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwksUnavailableError';
  }
}
