import { toUtcIso } from '../../src/tasks/date-time';

test.each([
  ['2030-07-01T09:00:00Z', '2030-07-01T09:00:00.000Z'],
  ['2030-07-01T09:00:00+02:00', '2030-07-01T07:00:00.000Z'],
  ['2030-07-01T23:30:00-01:30', '2030-07-02T01:00:00.000Z'],
  ['2030-07-01t09:00:00.5z', '2030-07-01T09:00:00.500Z'],
  ['2030-07-01 09:00:00.123456789+00:00', '2030-07-01T09:00:00.123Z'],
  ['2032-02-29T00:00:00Z', '2032-02-29T00:00:00.000Z'],
  ['2030-01-01T00:30:00+01:00', '2029-12-31T23:30:00.000Z'],
  ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
])('%s is %s in UTC', (input, expected) => {
  expect(toUtcIso(input)).toBe(expected);
});

test.each([
  ['no offset', '2030-07-01T09:00:00'],
  ['a bare date', '2030-07-01'],
  ['a time only', '09:00:00Z'],
  ['no seconds', '2030-07-01T09:00Z'],
  ['a compact offset', '2030-07-01T09:00:00+0200'],
  ['February 30', '2030-02-30T00:00:00Z'],
  ['February 29 of a common year', '2031-02-29T00:00:00Z'],
  ['month 13', '2030-13-01T00:00:00Z'],
  ['hour 24', '2030-07-01T24:00:00Z'],
  ['a leap second', '2030-12-31T23:59:60Z'],
  ['offset hour 24', '2030-07-01T09:00:00+24:00'],
  ['beyond year 9999 in UTC', '9999-12-31T23:00:00-05:00'],
  ['before year 0000 in UTC', '0000-01-01T00:30:00+01:00'],
  ['prose', 'next tuesday'],
  ['epoch millis', '1893456000000'],
])('refuses %s', (_name, input) => {
  expect(toUtcIso(input)).toBeUndefined();
});

test('UTC output sorts as time: fixed width, milliseconds, Z', () => {
  const values = ['2030-07-01T09:00:00+14:00', '2030-06-30T20:00:00-12:00', '2030-07-01T00:00:00Z'];
  const utc = values.map((v) => toUtcIso(v) ?? '');
  expect(utc.every((v) => v.length === 24)).toBe(true);
  expect([...utc].sort()).toEqual([...utc].sort((a, b) => Date.parse(a) - Date.parse(b)));
});
