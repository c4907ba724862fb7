import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  Attr,
  type EntityType,
  entityTypeOf,
  isExpired,
  Prefix,
  userPartition,
} from '@taskmgr/dynamo';

export type Item = Record<string, NativeAttributeValue>;

/** `--type` values, and the sort-key prefix that identifies each entity. */
export const ENTITY_FILTERS = {
  user: { type: 'USER', prefix: Prefix.user },
  email: { type: 'EMAIL', prefix: Prefix.email },
  task: { type: 'TASK', prefix: Prefix.task },
  notification: { type: 'NOTIF', prefix: Prefix.notification },
} as const satisfies Record<string, { type: EntityType; prefix: string }>;

export type EntityFilter = keyof typeof ENTITY_FILTERS;

export function isEntityFilter(value: string): value is EntityFilter {
  return Object.hasOwn(ENTITY_FILTERS, value);
}

export interface ScanFilter {
  type?: EntityFilter | undefined;
  userId?: string | undefined;
}

interface ReadOptions {
  /** Attribute names to read; all when omitted. */
  attributes?: readonly string[];
  /** Items per page (the request's Limit); DynamoDB's 1 MB page when omitted. */
  pageSize?: number;
}

type Source =
  | { kind: 'query'; input: QueryCommandInput }
  | { kind: 'scan'; input: ScanCommandInput };

function withReadOptions<T extends QueryCommandInput | ScanCommandInput>(
  input: T,
  { attributes, pageSize }: ReadOptions,
): T {
  const paged = pageSize ? { ...input, Limit: pageSize } : input;
  if (!attributes) return paged;
  const names = { ...paged.ExpressionAttributeNames };
  const refs = attributes.map((name, i) => {
    names[`#p${i}`] = name;
    return `#p${i}`;
  });
  return { ...paged, ProjectionExpression: refs.join(', '), ExpressionAttributeNames: names };
}

/**
 * Where the items for a filter live. A user's profile, tasks and notifications share the
 * user's partition, so those are a Query; the email guard sits in its own partition and
 * needs a filtered Scan, as does everything when no user is given.
 */
function sourcesFor(tableName: string, filter: ScanFilter): Source[] {
  const sources: Source[] = [];
  const prefix = filter.type ? ENTITY_FILTERS[filter.type].prefix : undefined;
  if (filter.userId) {
    if (filter.type !== 'email') {
      sources.push({
        kind: 'query',
        input: {
          TableName: tableName,
          KeyConditionExpression: prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
          ExpressionAttributeNames: {
            '#pk': Attr.partition,
            ...(prefix ? { '#sk': Attr.sort } : {}),
          },
          ExpressionAttributeValues: {
            ':pk': userPartition(filter.userId),
            ...(prefix ? { ':prefix': prefix } : {}),
          },
        },
      });
    }
    if (!filter.type || filter.type === 'email') {
      sources.push({
        kind: 'scan',
        input: {
          TableName: tableName,
          FilterExpression: 'begins_with(#pk, :email) AND #uid = :uid',
          ExpressionAttributeNames: { '#pk': Attr.partition, '#uid': 'UserId' },
          ExpressionAttributeValues: { ':email': Prefix.email, ':uid': filter.userId },
        },
      });
    }
    return sources;
  }
  sources.push({
    kind: 'scan',
    input: prefix
      ? {
          TableName: tableName,
          FilterExpression: 'begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#sk': Attr.sort },
          ExpressionAttributeValues: { ':prefix': prefix },
        }
      : { TableName: tableName },
  });
  return sources;
}

async function* readSource(doc: DynamoDBDocumentClient, source: Source): AsyncGenerator<Item> {
  let startKey: Item | undefined;
  do {
    const page =
      source.kind === 'query'
        ? await doc.send(new QueryCommand({ ...source.input, ExclusiveStartKey: startKey }))
        : await doc.send(new ScanCommand({ ...source.input, ExclusiveStartKey: startKey }));
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item matching the filter, page by page; stop iterating to stop reading. */
export async function* readItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  filter: ScanFilter = {},
  options: ReadOptions = {},
): AsyncGenerator<Item> {
  for (const source of sourcesFor(tableName, filter)) {
    yield* readSource(
      doc,
      source.kind === 'query'
        ? { kind: 'query', input: withReadOptions(source.input, options) }
        : { kind: 'scan', input: withReadOptions(source.input, options) },
    );
  }
}

export interface ListResult {
  items: Item[];
  /** More items match than the limit let through. */
  truncated: boolean;
}

export async function listItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  filter: ScanFilter,
  limit: number,
): Promise<ListResult> {
  const items: Item[] = [];
  for await (const item of readItems(doc, tableName, filter)) {
    if (items.length === limit) return { items, truncated: true };
    items.push(item);
  }
  return { items, truncated: false };
}

export interface CountResult {
  /** Every entity type found, including ones this tool has no --type for. */
  byType: Partial<Record<EntityType, number>>;
  /** Items whose keys match no known entity. */
  other: number;
  /** Notifications past their TTL that DynamoDB has not removed yet (Local never does). */
  expiredNotifications: number;
  total: number;
}

/** Counts by entity type, reading keys only; a plain scan runs in parallel segments. */
export async function countItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  filter: ScanFilter = {},
  now: Date = new Date(),
  segments = 4,
): Promise<CountResult> {
  const counts: CountResult = {
    byType: { USER: 0, EMAIL: 0, TASK: 0, NOTIF: 0 },
    other: 0,
    expiredNotifications: 0,
    total: 0,
  };
  const attributes = [Attr.partition, Attr.sort, Attr.notificationExpiry];
  const tally = async (items: AsyncIterable<Item>) => {
    for await (const item of items) {
      const type = entityTypeOf({
        EntityPartition: String(item[Attr.partition]),
        EntitySort: String(item[Attr.sort]),
      });
      if (type) counts.byType[type] = (counts.byType[type] ?? 0) + 1;
      else counts.other += 1;
      if (type === 'NOTIF' && isExpired(item, now)) counts.expiredNotifications += 1;
      counts.total += 1;
    }
  };
  const parallel = !filter.userId && segments > 1;
  if (!parallel) {
    await tally(readItems(doc, tableName, filter, { attributes }));
    return counts;
  }
  const [source] = sourcesFor(tableName, filter);
  if (source?.kind !== 'scan') throw new Error('a table-wide count is a scan');
  await Promise.all(
    Array.from({ length: segments }, (_, segment) =>
      tally(
        readSource(doc, {
          kind: 'scan',
          input: withReadOptions(
            { ...source.input, Segment: segment, TotalSegments: segments },
            { attributes },
          ),
        }),
      ),
    ),
  );
  return counts;
}

export function formatCounts(counts: CountResult): string {
  const rows = Object.entries(counts.byType).map(([type, count]) => {
    const expired =
      type === 'NOTIF' && counts.expiredNotifications
        ? ` (${counts.expiredNotifications} expired, not yet removed by TTL)`
        : '';
    return [type, `${count}${expired}`];
  });
  if (counts.other) rows.push(['other', String(counts.other)]);
  rows.push(['total', String(counts.total)]);
  const width = Math.max(...rows.map(([label]) => label?.length ?? 0));
  return rows.map(([label, value]) => `${label?.padEnd(width)}  ${value}`).join('\n');
}

const text = (value: unknown): string =>
  value === undefined || value === null ? '' : String(value);

function shortDate(value: unknown): string {
  const iso = text(value);
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

/** The attributes worth seeing at a glance for each entity. */
export function describeItem(item: Item, now: Date): string {
  switch (item.EntityType) {
    case 'USER': {
      const prefs = item.NotificationPreferences as { email?: boolean; sms?: boolean } | undefined;
      const channels = ['in-app', prefs?.email ? 'email' : '', prefs?.sms ? 'sms' : '']
        .filter(Boolean)
        .join('+');
      const phone = item.PhoneNumber ? ` ${text(item.PhoneNumber)}` : '';
      return `${text(item.FirstName)} ${text(item.LastName)} <${text(item.Email)}>${phone} notify:${channels} v${text(item.Version)}`;
    }
    case 'EMAIL':
      return `guards the address for user ${text(item.UserId)}`;
    case 'TASK': {
      let due = 'no due date';
      if (item.DueDate) {
        const overdue =
          item.Status !== 'completed' && Date.parse(text(item.DueDate)) < now.getTime();
        due = `due ${shortDate(item.DueDate)}${overdue ? ' OVERDUE' : ''}`;
      }
      const reminder = item.DueDate_NotificationSent ? ' reminder pending' : '';
      return `[${text(item.Status)}] "${text(item.Title)}" ${due}${reminder} v${text(item.Version)}`;
    }
    case 'NOTIF': {
      const state = item.Notif_isRead ? 'read' : 'UNREAD';
      const expiry =
        typeof item.NotificationExpiry === 'number'
          ? new Date(item.NotificationExpiry * 1000).toISOString()
          : '';
      const expired = isExpired(item, now) ? ' (expired)' : '';
      return `${state} ${text(item.Kind)} "${text(item.Title)}" at ${shortDate(item.NotificationTimestamp)}, expires ${shortDate(expiry)}${expired}`;
    }
    default:
      return JSON.stringify(item);
  }
}

function truncate(value: string, width: number): string {
  return value.length <= width ? value : `${value.slice(0, width - 1)}…`;
}

/** Aligned columns: entity type, both keys, then the main attributes. */
export function formatItems(items: readonly Item[], now: Date = new Date(), width = 160): string {
  const rows = items.map((item) => {
    const key = { EntityPartition: text(item[Attr.partition]), EntitySort: text(item[Attr.sort]) };
    return {
      type: entityTypeOf(key) ?? '?',
      partition: key.EntityPartition,
      sort: key.EntitySort,
      details: describeItem(item, now),
    };
  });
  const header = { type: 'TYPE', partition: 'PARTITION', sort: 'SORT', details: 'DETAILS' };
  const all = [header, ...rows];
  const w = {
    type: Math.max(...all.map((r) => r.type.length)),
    partition: Math.max(...all.map((r) => r.partition.length)),
    sort: Math.max(...all.map((r) => r.sort.length)),
  };
  return all
    .map((r) =>
      truncate(
        `${r.type.padEnd(w.type)}  ${r.partition.padEnd(w.partition)}  ${r.sort.padEnd(w.sort)}  ${r.details}`,
        width,
      ),
    )
    .join('\n');
}
