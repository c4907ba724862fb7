/** Build-time settings: a static export reads NEXT_PUBLIC_* when it is built. */
export const API_BASE_URL = (
  process.env.NEXT_PUBLIC_API_BASE_URL ?? 'http://127.0.0.1:8080'
).replace(/\/+$/, '');

const poll = Number(process.env.NEXT_PUBLIC_NOTIFICATION_POLL_MS ?? '30000');
/** How often the bell asks for the unread count; tests build with a short one. */
export const NOTIFICATION_POLL_MS = Number.isFinite(poll) && poll >= 500 ? poll : 30_000;

const minLength = Number(process.env.NEXT_PUBLIC_PASSWORD_MIN_LENGTH ?? '8');
/**
 * The user pool's password policy, for the register form's hint only: the API checks it and
 * its 400 names the rule. Locally 8 characters; the AWS pool asks for more (set at build time).
 */
export const PASSWORD_POLICY = {
  minLength: Number.isInteger(minLength) && minLength >= 6 ? minLength : 8,
  requireSymbol: process.env.NEXT_PUBLIC_PASSWORD_REQUIRE_SYMBOL === 'true',
};
