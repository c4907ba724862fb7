import {
  NotFoundError,
  type Profile,
  type ProfilePatch,
  type ProfileRepository,
  VersionConflictError,
} from '@taskmgr/dynamo';
import { invalidField } from '../accounts/problems';

// Concurrent edits without If-Match are retried on the fresh profile this many times in all.
const MAX_ATTEMPTS = 3;

/**
 * PATCH /users/me. The rule "SMS needs a phone number" spans two fields, so it is checked against
 * the profile as read, and the write is conditional on that version: an edit that slipped in
 * between makes the check run again rather than letting both through.
 */
export class ProfileEditor {
  constructor(private readonly profiles: ProfileRepository) {}

  /** `ifMatchVersion` is the client's precondition; a stale one is a VersionConflictError. */
  async update(
    userId: string,
    changes: ProfilePatch,
    ifMatchVersion: number | undefined,
  ): Promise<Profile> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.profiles.get(userId);
      if (!current) throw new NotFoundError('profile');
      if (ifMatchVersion !== undefined && ifMatchVersion !== current.version) {
        throw new VersionConflictError({
          entity: 'profile',
          expected: ifMatchVersion,
          actual: current.version,
        });
      }
      checkSmsHasPhoneNumber(current, changes);
      try {
        return await this.profiles.update(userId, changes, current.version);
      } catch (error) {
        const retry =
          error instanceof VersionConflictError &&
          ifMatchVersion === undefined &&
          attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  }
}

function checkSmsHasPhoneNumber(current: Profile, changes: ProfilePatch): void {
  const smsRequested = changes.notificationPreferences?.sms;
  const sms = smsRequested ?? current.notificationPreferences.sms;
  const phoneNumber = changes.phoneNumber === undefined ? current.phoneNumber : changes.phoneNumber;
  if (!sms || phoneNumber) return;
  if (smsRequested === true) {
    throw invalidField(
      'notificationPreferences.sms',
      'needs a phone number',
      'SMS notifications need a phone number: send phoneNumber too, or add one first',
    );
  }
  throw invalidField(
    'phoneNumber',
    'cannot be removed while SMS notifications are on',
    'Turn SMS notifications off (notificationPreferences.sms: false) to remove the phone number',
  );
}
