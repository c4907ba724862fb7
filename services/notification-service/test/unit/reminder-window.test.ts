import { reminderWindow } from '../../src/workers/due-reminder-scanner';

test('reads yesterday (catch-up), today and tomorrow, bounded at now + 24 h', () => {
  expect(reminderWindow(new Date('2030-07-01T06:30:00.000Z'))).toEqual({
    dayPartitions: ['2030-06-30#false', '2030-07-01#false', '2030-07-02#false'],
    dueBefore: '2030-07-02T06:30:00.000Z',
  });
});

test('just before midnight and across a month end', () => {
  expect(reminderWindow(new Date('2030-12-31T23:59:00.000Z')).dayPartitions).toEqual([
    '2030-12-30#false',
    '2030-12-31#false',
    '2031-01-01#false',
  ]);
});

test('a longer window reads every day it spans', () => {
  expect(
    reminderWindow(new Date('2030-07-01T00:00:00.000Z'), 48 * 3_600_000).dayPartitions,
  ).toEqual(['2030-06-30#false', '2030-07-01#false', '2030-07-02#false', '2030-07-03#false']);
});
