import {
  assertLocalTable,
  createSeedData,
  describeItem,
  formatCounts,
  formatItems,
  type Item,
  RemoteTableRefusedError,
} from '../../src';

const now = new Date('2026-03-14T09:26:53.000Z');

describe('refusing remote tables', () => {
  const base = { AWS_REGION: 'eu-west-1', DYNAMODB_TABLE_NAME: 'TaskManagement' };

  test('no endpoint means real AWS and is refused', () => {
    expect(() => assertLocalTable(base, 'seed', false)).toThrow(RemoteTableRefusedError);
    expect(() => assertLocalTable(base, 'seed', false)).toThrow(
      /Refusing to seed table "TaskManagement": DYNAMODB_ENDPOINT is not set.*eu-west-1.*--allow-remote/,
    );
  });

  test('a non-local endpoint is refused', () => {
    const config = { ...base, DYNAMODB_ENDPOINT: 'https://dynamodb.eu-west-1.amazonaws.com' };
    expect(() => assertLocalTable(config, 'drop', false)).toThrow(/is not a local endpoint/);
  });

  test('--allow-remote or a local endpoint passes', () => {
    expect(() => assertLocalTable(base, 'create', true)).not.toThrow();
    for (const endpoint of [
      'http://localhost:8000',
      'http://127.0.0.1:8000',
      'http://[::1]:8000',
    ]) {
      expect(() =>
        assertLocalTable({ ...base, DYNAMODB_ENDPOINT: endpoint }, 'create', false),
      ).not.toThrow();
    }
  });
});

describe('scan output', () => {
  const items = [
    ...createSeedData({
      size: { users: 2, tasksPerUser: 6, notificationsPerUser: 6 },
      seed: 4,
      now,
    }).items(),
  ] as unknown as Item[];

  test('lines are aligned columns with a header', () => {
    const lines = formatItems(items, now, 400).split('\n');
    expect(lines).toHaveLength(items.length + 1);
    expect(lines[0]).toMatch(/^TYPE\s+PARTITION\s+SORT\s+DETAILS$/);
    const sortColumn = lines[0]?.indexOf('SORT');
    for (const [i, item] of items.entries()) {
      // lastIndexOf: a profile's sort key repeats its partition key.
      expect(lines[i + 1]?.lastIndexOf(String(item.EntitySort))).toBe(sortColumn);
    }
  });

  test('each entity shows its main attributes', () => {
    const of = (type: string) => items.find((i) => i.EntityType === type) ?? {};
    expect(describeItem(of('USER'), now)).toMatch(/^\w+ \w+ <[^>]+@example\.\w+>.* notify:in-app/);
    expect(describeItem(of('EMAIL'), now)).toMatch(/^guards the address for user [0-9a-f-]{36}$/);
    expect(describeItem(of('TASK'), now)).toMatch(/^\[(pending|in_progress|completed)\] ".+" /);
    expect(describeItem(of('NOTIF'), now)).toMatch(/^(read|UNREAD) task_(due|completed) ".+" at /);
  });

  test('long lines are cut to the width', () => {
    for (const line of formatItems(items, now, 60).split('\n')) {
      expect(line.length).toBeLessThanOrEqual(60);
    }
  });

  test('counts print one line per type and a total', () => {
    const text = formatCounts({
      byType: { USER: 2, EMAIL: 2, TASK: 12, NOTIF: 12 },
      other: 0,
      expiredNotifications: 3,
      total: 28,
    });
    expect(text.split('\n')).toEqual([
      'USER   2',
      'EMAIL  2',
      'TASK   12',
      'NOTIF  12 (3 expired, not yet removed by TTL)',
      'total  28',
    ]);
  });
});
