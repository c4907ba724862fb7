import { EmailTakenError, type ProfileRepository } from '@taskmgr/dynamo';
import type { FastifyBaseLogger } from 'fastify';
import { cognitoFailure, isCognitoError } from '../cognito/errors';
import type { CognitoIdentityProvider, SignUpOutcome } from '../cognito/identity-provider';
import type { AccountDeletion } from './account-deletion';
import { confirmFailure, signUpFailure } from './cognito-answers';
import type { EmailOwnerLookup } from './email-owner';
import { type ExistingAccountRules, judgeExistingAccount } from './existing-account';
import { meetsPasswordPolicy, type PasswordPolicy, weakPasswordProblem } from './password-policy';
import type { Sessions } from './sessions';
import type { TokenResponse } from './tokens';

export interface RegistrationInput {
  /** Already normalised. */
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phoneNumber?: string | undefined;
}

export type RegistrationOutcome =
  | { kind: 'signed-in'; userId: string; tokens: TokenResponse }
  | {
      kind: 'confirmation-required';
      userId: string;
      codeDelivery: SignUpOutcome['codeDelivery'];
    };

export interface RegistrationOptions {
  identity: CognitoIdentityProvider;
  profiles: ProfileRepository;
  emailOwners: EmailOwnerLookup;
  sessions: Sessions;
  accountDeletion: AccountDeletion;
  autoConfirmSignUp: boolean;
  passwordPolicy: PasswordPolicy;
  existingAccounts: ExistingAccountRules;
  now?: () => Date;
}

/**
 * Sign-up across Cognito and DynamoDB, which share no transaction. The order:
 *
 * 1. Cognito SignUp. Cognito refuses a second account for an address atomically, so of many
 *    parallel registrations exactly one gets past here; the rest get 409.
 * 2. The profile and the EMAIL_ guard, in one DynamoDB transaction. If it fails, the Cognito
 *    account from step 1 is deleted again (best effort) before answering.
 * 3. With auto-confirm, AdminConfirmSignUp, then a normal sign-in for the tokens.
 *
 * A process that dies between the steps leaves remains that are cleaned up later, never an
 * address that is blocked forever:
 * - after 1: an unconfirmed Cognito account with no guard. A new registration for the address
 *   finds it, and once it is older than SIGNUP_ORPHAN_GRACE_MS (so it cannot be a registration
 *   still between steps 1 and 2) deletes it and signs up again.
 * - after 2: profile and guard exist, the account is unconfirmed. A sign-in with the right
 *   password finishes the confirmation (auto-confirm), or the emailed code does; left alone for
 *   UNCONFIRMED_SIGNUP_TTL_MS the registration counts as abandoned and a new one replaces it.
 * - a guard whose Cognito account no longer exists (deleted outside this service) is stale:
 *   step 2 removes that user's data and retries once.
 */
export class Registration {
  private readonly now: () => Date;

  constructor(private readonly options: RegistrationOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async register(input: RegistrationInput, log: FastifyBaseLogger): Promise<RegistrationOutcome> {
    const { identity, passwordPolicy } = this.options;
    if (!meetsPasswordPolicy(input.password, passwordPolicy)) {
      throw weakPasswordProblem(passwordPolicy);
    }
    const signUp = await this.signUpClaimingEmail(input.email, input.password, log);
    try {
      await this.createProfile(signUp.userId, input, log);
    } catch (error) {
      await this.undoSignUp(signUp.userId, log);
      throw error;
    }
    if (!signUp.confirmed && !this.options.autoConfirmSignUp) {
      log.info({ userId: signUp.userId }, 'registered; confirmation code sent');
      return {
        kind: 'confirmation-required',
        userId: signUp.userId,
        codeDelivery: signUp.codeDelivery,
      };
    }
    if (!signUp.confirmed) {
      try {
        await identity.adminConfirmSignUp(signUp.userId);
      } catch (error) {
        // The profile stays: a sign-in with the password finishes the confirmation.
        throw cognitoFailure(error);
      }
    }
    log.info({ userId: signUp.userId }, 'registered');
    const tokens = await this.options.sessions.signIn(input.email, input.password, log);
    return { kind: 'signed-in', userId: signUp.userId, tokens };
  }

  async confirm(email: string, code: string): Promise<void> {
    try {
      await this.options.identity.confirmSignUp(email, code);
    } catch (error) {
      throw confirmFailure(error);
    }
  }

  private async signUpClaimingEmail(
    email: string,
    password: string,
    log: FastifyBaseLogger,
  ): Promise<SignUpOutcome> {
    const { identity } = this.options;
    try {
      return await identity.signUp(email, password);
    } catch (error) {
      if (!isCognitoError(error, 'UsernameExistsException')) {
        throw signUpFailure(error, this.options.passwordPolicy);
      }
    }
    try {
      const existing = await identity.findAccount(email);
      if (existing) {
        const guardOwner = await this.options.emailOwners.ownerOf(email);
        const verdict = judgeExistingAccount(
          existing,
          guardOwner,
          this.options.existingAccounts,
          this.now(),
        );
        if (verdict === 'taken') throw new EmailTakenError();
        log.warn(
          { staleUserId: existing.userId, status: existing.status },
          'clearing the remains of an unfinished registration',
        );
        await this.options.accountDeletion.delete(existing);
      }
      // Once more only: a parallel registration may have claimed the address meanwhile.
      return await identity.signUp(email, password);
    } catch (error) {
      throw signUpFailure(error, this.options.passwordPolicy);
    }
  }

  private async createProfile(
    userId: string,
    input: RegistrationInput,
    log: FastifyBaseLogger,
  ): Promise<void> {
    const { profiles } = this.options;
    const profile = {
      userId,
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      phoneNumber: input.phoneNumber,
    };
    try {
      await profiles.create(profile);
      return;
    } catch (error) {
      if (!(error instanceof EmailTakenError)) throw error;
    }
    // Cognito let this address sign up, so the guard's owner should have no Cognito account.
    const owner = await this.options.emailOwners.ownerOf(input.email);
    if (owner !== undefined && owner !== userId) {
      const ownerAccount = await this.findAccountOrFail(owner);
      if (ownerAccount) throw new EmailTakenError();
      log.warn({ staleUserId: owner }, 'removing data of a user with no Cognito account');
      await profiles.deleteUserData(owner);
    }
    await profiles.create(profile);
  }

  private async findAccountOrFail(userId: string) {
    try {
      return await this.options.identity.findAccount(userId);
    } catch (error) {
      throw cognitoFailure(error);
    }
  }

  private async undoSignUp(userId: string, log: FastifyBaseLogger): Promise<void> {
    try {
      await this.options.identity.deleteAccount(userId);
    } catch (error) {
      // Left behind, the account is an orphan that the next registration for the address clears.
      log.error({ err: error, userId }, 'could not delete the Cognito account of a failed sign-up');
    }
  }
}
