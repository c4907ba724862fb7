import { planDeliveries, type Recipient } from '../../src/delivery/delivery-plan';

const now = new Date('2030-07-01T12:00:00.000Z');
const at = now.toISOString();
const pending = { Status: 'pending', Attempts: 0, UpdatedAt: at };

function recipient(email: boolean, sms: boolean, phoneNumber: string | null): Recipient {
  return { userId: 'u', email: 'u@example.test', phoneNumber, preferences: { email, sms } };
}

const plan = (r: Recipient, emailSenderConfigured = true) =>
  planDeliveries(r, { emailSenderConfigured, now });

test('in-app only: no channel at all', () => {
  expect(plan(recipient(false, false, '+15550100'))).toEqual({});
});

test('email: the email and its topic', () => {
  expect(plan(recipient(true, false, null))).toEqual({ email: pending, emailTopic: pending });
});

test('SMS: the text and its topic', () => {
  expect(plan(recipient(false, true, '+15550100'))).toEqual({ sms: pending, smsTopic: pending });
});

test('both: all four', () => {
  expect(plan(recipient(true, true, '+15550100'))).toEqual({
    email: pending,
    emailTopic: pending,
    sms: pending,
    smsTopic: pending,
  });
});

test('SMS opted in without a phone number: skipped, with the reason', () => {
  const skipped = { Status: 'skipped', Attempts: 0, SkipReason: 'no phone number', UpdatedAt: at };
  expect(plan(recipient(false, true, null))).toEqual({ sms: skipped, smsTopic: skipped });
});

test('no email sender configured: the topic still gets the email event', () => {
  expect(plan(recipient(true, false, null), false)).toEqual({
    email: {
      Status: 'skipped',
      Attempts: 0,
      SkipReason: 'no email sender configured',
      UpdatedAt: at,
    },
    emailTopic: pending,
  });
});
