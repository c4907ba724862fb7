import type { ProfileRepository } from '@taskmgr/dynamo';
import { cognitoFailure } from '../cognito/errors';
import type { CognitoIdentityProvider } from '../cognito/identity-provider';

export interface AccountRef {
  userId: string;
  username: string;
}

/**
 * Deletes an account's data, then its Cognito account. Data goes first because the Cognito
 * account is what lets its owner sign in again: if anything stops half-way, the same access token
 * (or a fresh sign-in) can run this again, and every step is safe to repeat (deleteUserData
 * resumes, a missing Cognito account counts as deleted). Cognito first would strand the data
 * once the last access token expired, with nobody left able to ask for its deletion.
 */
export class AccountDeletion {
  constructor(
    private readonly identity: CognitoIdentityProvider,
    private readonly profiles: ProfileRepository,
  ) {}

  async delete(account: AccountRef): Promise<void> {
    await this.profiles.deleteUserData(account.userId);
    try {
      await this.identity.deleteAccount(account.username);
    } catch (error) {
      throw cognitoFailure(error);
    }
  }
}
