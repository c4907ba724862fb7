/**
 * Preferences → channels. In-app is always on (the NOTIF item itself); email and SMS follow the
 * user's opt-ins, and each one sent also goes to the seed's topic for its kind and channel.
 */
import type {
  DeliveryRecord,
  DeliveryRecords,
  DeliveryTarget,
  NotificationPreferences,
  Profile,
} from '@taskmgr/dynamo';

export interface Recipient {
  userId: string;
  email: string;
  phoneNumber: string | null;
  preferences: NotificationPreferences;
}

export function recipientOf(profile: Profile): Recipient {
  return {
    userId: profile.userId,
    email: profile.email,
    phoneNumber: profile.phoneNumber,
    preferences: profile.notificationPreferences,
  };
}

export interface PlanOptions {
  /** False when no email sender is configured: the topic still gets the email event. */
  emailSenderConfigured: boolean;
  now: Date;
}

export function planDeliveries(recipient: Recipient, options: PlanOptions): DeliveryRecords {
  const at = options.now.toISOString();
  const pending = (): DeliveryRecord => ({ Status: 'pending', Attempts: 0, UpdatedAt: at });
  const skipped = (reason: string): DeliveryRecord => ({
    Status: 'skipped',
    Attempts: 0,
    SkipReason: reason,
    UpdatedAt: at,
  });
  const plan: Partial<Record<DeliveryTarget, DeliveryRecord>> = {};
  if (recipient.preferences.email) {
    plan.email = options.emailSenderConfigured ? pending() : skipped('no email sender configured');
    plan.emailTopic = pending();
  }
  if (recipient.preferences.sms) {
    // Opted in without a number: nothing can be sent, so nothing is announced either.
    const reason = 'no phone number';
    plan.sms = recipient.phoneNumber ? pending() : skipped(reason);
    plan.smsTopic = recipient.phoneNumber ? pending() : skipped(reason);
  }
  return plan;
}
