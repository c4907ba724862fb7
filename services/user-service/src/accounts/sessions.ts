import type { AccessTokenVerifier } from '@taskmgr/auth';
import { NotFoundError, type ProfileRepository } from '@taskmgr/dynamo';
import type { FastifyBaseLogger } from 'fastify';
import { cognitoFailure, isCognitoError } from '../cognito/errors';
import type { CognitoIdentityProvider, IssuedTokens } from '../cognito/identity-provider';
import { refreshFailure, signInFailure } from './cognito-answers';
import { type TokenResponse, verifyIssuedTokens } from './tokens';

export interface SessionsOptions {
  identity: CognitoIdentityProvider;
  profiles: ProfileRepository;
  verifier: AccessTokenVerifier;
  autoConfirmSignUp: boolean;
  now?: () => Date;
}

/** Login, refresh and logout: tokens come from Cognito, the user id from the verified token. */
export class Sessions {
  private readonly now: () => Date;

  constructor(private readonly options: SessionsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async signIn(email: string, password: string, log: FastifyBaseLogger): Promise<TokenResponse> {
    let issued: IssuedTokens;
    try {
      issued = await this.options.identity.signInWithPassword(email, password);
    } catch (error) {
      if (!(await this.finishedPendingConfirmation(error, email, log))) throw signInFailure(error);
      try {
        issued = await this.options.identity.signInWithPassword(email, password);
      } catch (retryError) {
        throw signInFailure(retryError);
      }
    }
    const { user, response } = await verifyIssuedTokens(this.options.verifier, issued, this.now());
    await this.recordLogin(user.userId, log);
    log.info({ userId: user.userId }, 'signed in');
    return response;
  }

  async refresh(refreshToken: string): Promise<TokenResponse> {
    let issued: IssuedTokens;
    try {
      issued = await this.options.identity.refresh(refreshToken);
    } catch (error) {
      throw refreshFailure(error);
    }
    const verified = await verifyIssuedTokens(
      this.options.verifier,
      issued,
      this.now(),
      refreshToken,
    );
    return verified.response;
  }

  /**
   * Revokes the refresh token (and the access tokens minted from it, for Cognito's own checks).
   * Like RFC 7009, a token that is already invalid is not an error: the outcome is the same.
   */
  async signOut(refreshToken: string, log: FastifyBaseLogger): Promise<void> {
    try {
      await this.options.identity.revokeRefreshToken(refreshToken);
    } catch (error) {
      if (isCognitoError(error, 'NotAuthorizedException', 'UnsupportedTokenTypeException')) {
        log.info('logout with a refresh token that was already invalid');
        return;
      }
      throw cognitoFailure(error);
    }
  }

  /**
   * With auto-confirm on, an unconfirmed account that already has its profile is a registration
   * interrupted between writing the profile and confirming; Cognito only reports it unconfirmed
   * once the password matched, so finishing the job here is safe.
   */
  private async finishedPendingConfirmation(
    error: unknown,
    email: string,
    log: FastifyBaseLogger,
  ): Promise<boolean> {
    if (!this.options.autoConfirmSignUp || !isCognitoError(error, 'UserNotConfirmedException')) {
      return false;
    }
    try {
      const account = await this.options.identity.findAccount(email);
      if (!account || !(await this.options.profiles.get(account.userId))) return false;
      await this.options.identity.adminConfirmSignUp(account.username);
      log.warn({ userId: account.userId }, 'confirmed an interrupted registration at sign-in');
      return true;
    } catch (finishError) {
      throw cognitoFailure(finishError);
    }
  }

  /**
   * A Cognito account without a profile is a registration or a deletion that did not finish. It
   * still gets its tokens: with them the user can finish DELETE /users/me, and registering again
   * clears the remains.
   */
  private async recordLogin(userId: string, log: FastifyBaseLogger): Promise<void> {
    try {
      await this.options.profiles.recordLogin(userId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      log.warn({ userId }, 'signed in to an account that has no profile');
    }
  }
}
