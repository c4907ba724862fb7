import { Type } from '@sinclair/typebox';
import { PATTERN_MESSAGE } from '@taskmgr/service-kit';

/** Trimmed and lower-cased before validation (routes/email-normalization.ts). */
export const EmailField = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'Email address; matched without regard to case or surrounding spaces',
  examples: ['ada@example.com'],
});

// Cognito accepts at most 256 characters.
export const NewPasswordField = Type.String({
  minLength: 1,
  maxLength: 256,
  description: 'Checked against the password policy; never stored or logged by this service',
});

export const PasswordField = Type.String({ minLength: 1, maxLength: 256 });

export const NameField = Type.String({ minLength: 1, maxLength: 100 });

const E164 = '^\\+[1-9][0-9]{1,14}$';
const E164_MESSAGE = 'must be in international format: + and the country code, e.g. +14155550123';

export const PhoneNumberField = Type.String({
  pattern: E164,
  [PATTERN_MESSAGE]: E164_MESSAGE,
  description: 'E.164, e.g. +14155550123',
  examples: ['+14155550123'],
});

// `type: [T, 'null']` rather than a union, so Ajv reports the value's own problem (a bad
// pattern) instead of "must match a schema in anyOf".

/** A phone number, or null to remove it. */
export const NullablePhoneNumberField = Type.Unsafe<string | null>({
  type: ['string', 'null'],
  pattern: E164,
  [PATTERN_MESSAGE]: E164_MESSAGE,
  description: 'E.164, e.g. +14155550123; null removes the number',
});

export const NullableTimestampField = Type.Unsafe<string | null>({
  type: ['string', 'null'],
  format: 'date-time',
});

export const NullableStringField = Type.Unsafe<string | null>({ type: ['string', 'null'] });

/** Cognito refresh tokens are encrypted JWTs of a few kilobytes. */
export const RefreshTokenField = Type.String({ minLength: 1, maxLength: 8192 });

export const ConfirmationCodeField = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^\\S+$',
  [PATTERN_MESSAGE]: 'must not contain spaces',
  description: 'The code Cognito sent to the email address',
});
