import {
  type AccessTokenVerifier,
  type AuthenticatedUser,
  JwksUnavailableError,
} from '@taskmgr/auth';
import { HttpProblem } from '@taskmgr/service-kit';
import type { IssuedTokens } from '../cognito/identity-provider';

/** The body of every answer that hands out tokens. */
export interface TokenResponse {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface VerifiedTokens {
  user: AuthenticatedUser;
  response: TokenResponse;
}

/**
 * Checks a token Cognito just issued with the same verifier the services use, because the user
 * id is only ever taken from a verified access token, and builds the response.
 * `currentRefreshToken` stands in when Cognito does not rotate it on refresh.
 */
export async function verifyIssuedTokens(
  verifier: AccessTokenVerifier,
  issued: IssuedTokens,
  now: Date,
  currentRefreshToken?: string,
): Promise<VerifiedTokens> {
  let user: AuthenticatedUser;
  try {
    user = await verifier.verify(issued.accessToken);
  } catch (error) {
    if (error instanceof JwksUnavailableError) {
      throw HttpProblem.of(503, 'Sign-in is unavailable right now; retry shortly', undefined, {
        headers: { 'retry-after': '5' },
        cause: error,
      });
    }
    throw error;
  }
  const refreshToken = issued.refreshToken ?? currentRefreshToken;
  if (refreshToken === undefined) throw new Error('Cognito issued no refresh token');
  // cognito-local omits ExpiresIn; the verified expiry says the same thing.
  const expiresIn =
    issued.expiresIn ?? Math.max(0, Math.floor((user.expiresAt.getTime() - now.getTime()) / 1000));
  return {
    user,
    response: {
      accessToken: issued.accessToken,
      idToken: issued.idToken,
      refreshToken,
      expiresIn,
      tokenType: 'Bearer',
    },
  };
}
