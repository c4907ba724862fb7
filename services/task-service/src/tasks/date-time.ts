/**
 * RFC 3339 date-times as the API takes them: a full date and time WITH an offset, stored and
 * compared as UTC ISO-8601 with milliseconds (24 characters, so string order is time order).
 */

// The separator and Z may be lower case (RFC 3339 §5.6 note); a space is allowed as ISO does.
const RFC3339_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const UTC_ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const DATE_TIME_RULE =
  'must be an RFC 3339 date-time with an offset, e.g. 2030-07-01T09:00:00+02:00';

/**
 * The UTC ISO form of `value`, or undefined when it is not a valid RFC 3339 date-time with an
 * offset, names an impossible calendar date, or falls outside the years 0000-9999 once in UTC.
 */
export function toUtcIso(value: string): string | undefined {
  const match = RFC3339_WITH_OFFSET.exec(value);
  if (!match) return undefined;
  const number = (group: number) => Number(match[group]);
  const [year, month, day] = [number(1), number(2), number(3)] as const;
  const [hour, minute, second] = [number(4), number(5), number(6)] as const;
  const fraction = match[7] ?? '';
  const sign = match[8];
  const [offsetHours, offsetMinutes] = sign ? [number(9), number(10)] : [0, 0];
  // Leap seconds (:60) cannot be represented by Date, so they are refused rather than shifted.
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!valid) return undefined;
  const local = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  // Local time is UTC plus the offset, so UTC is local time minus it.
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const iso = new Date(local.getTime() - offsetMs).toISOString();
  return UTC_ISO_MILLIS.test(iso) ? iso : undefined;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}
