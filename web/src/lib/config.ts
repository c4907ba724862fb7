/** Build-time settings: a static export reads NEXT_PUBLIC_* when it is built. */
export const API_BASE_URL = (
  process.env.NEXT_PUBLIC_API_BASE_URL ?? 'http://127.0.0.1:8080'
).replace(/\/+$/, '');

const poll = Number(process.env.NEXT_PUBLIC_NOTIFICATION_POLL_MS ?? '30000');
/** How often the bell asks for the unread count; tests build with a short one. */
export const NOTIFICATION_POLL_MS = Number.isFinite(poll) && poll >= 500 ? poll : 30_000;
