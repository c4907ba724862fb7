/**
 * The one table, described as data. schema-load, the test fixtures and the CDK stack all
 * read this object; nothing else declares keys, indexes, TTL or the stream.
 */

export type AttributeType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** ALL keeps every read a single round trip; the items are small. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
  /** Why the index exists: the access pattern it answers. */
  readonly accessPattern: string;
}

export interface LocalIndexDefinition extends Omit<IndexDefinition, 'partitionKey'> {
  readonly sortKey: KeyAttribute;
}

export interface TableDefinition {
  readonly defaultTableName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  readonly localSecondaryIndexes: readonly LocalIndexDefinition[];
  readonly timeToLiveAttribute: string;
  readonly streamViewType: 'NEW_AND_OLD_IMAGES';
  readonly billingMode: 'PAY_PER_REQUEST';
}

/** Attribute names used as keys somewhere; item attributes reuse these constants. */
export const Attr = {
  partition: 'EntityPartition',
  sort: 'EntitySort',
  email: 'Email',
  dueDateNotificationSent: 'DueDate_NotificationSent',
  dueDate: 'DueDate',
  taskUpdatedAt: 'TaskUpdatedAt',
  taskDueSort: 'TaskDueSort',
  notificationTimestamp: 'NotificationTimestamp',
  notificationUnreadAt: 'Notif_UnreadAt',
  notificationExpiry: 'NotificationExpiry',
} as const;

export const IndexName = {
  email: 'EmailIndex',
  notificationSent: 'NotificationSentIndex',
  updatedAt: 'UpdatedAtIndex',
  taskDue: 'TaskDueIndex',
  notificationTimestamp: 'NotificationTimestampIndex',
  unreadNotification: 'UnreadNotificationIndex',
} as const;

export const tableDefinition: TableDefinition = {
  defaultTableName: 'TaskManagement',
  partitionKey: { name: Attr.partition, type: 'S' },
  sortKey: { name: Attr.sort, type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: IndexName.email,
      partitionKey: { name: Attr.email, type: 'S' },
      projection: 'ALL',
      accessPattern:
        'Find a profile by email. Lookups only: uniqueness is enforced by the EMAIL_ guard item.',
    },
    {
      indexName: IndexName.notificationSent,
      partitionKey: { name: Attr.dueDateNotificationSent, type: 'S' },
      sortKey: { name: Attr.dueDate, type: 'S' },
      projection: 'ALL',
      accessPattern:
        'Due-reminder scan. Sparse: only tasks whose reminder is pending carry <yyyy-mm-dd>#false[#shard].',
    },
  ],
  localSecondaryIndexes: [
    {
      indexName: IndexName.updatedAt,
      sortKey: { name: Attr.taskUpdatedAt, type: 'S' },
      projection: 'ALL',
      accessPattern: "A user's tasks by last update (only tasks carry TaskUpdatedAt).",
    },
    {
      indexName: IndexName.taskDue,
      sortKey: { name: Attr.taskDueSort, type: 'S' },
      projection: 'ALL',
      accessPattern:
        "A user's tasks by due date: <dueIso>#<taskId>, or ~#<taskId> without one so undated tasks sort last.",
    },
    {
      indexName: IndexName.notificationTimestamp,
      sortKey: { name: Attr.notificationTimestamp, type: 'S' },
      projection: 'ALL',
      accessPattern: "A user's notifications, newest first.",
    },
    {
      indexName: IndexName.unreadNotification,
      sortKey: { name: Attr.notificationUnreadAt, type: 'S' },
      projection: 'ALL',
      accessPattern:
        "A user's unread notifications. Sparse: the attribute is removed when read, so counting reads only unread items.",
    },
  ],
  timeToLiveAttribute: Attr.notificationExpiry,
  streamViewType: 'NEW_AND_OLD_IMAGES',
  billingMode: 'PAY_PER_REQUEST',
};

/** Every attribute that is part of a key somewhere, with its type, deduplicated. */
export function keyAttributes(def: TableDefinition = tableDefinition): KeyAttribute[] {
  const all = [
    def.partitionKey,
    def.sortKey,
    ...def.globalSecondaryIndexes.flatMap((i) =>
      i.sortKey ? [i.partitionKey, i.sortKey] : [i.partitionKey],
    ),
    ...def.localSecondaryIndexes.map((i) => i.sortKey),
  ];
  const byName = new Map<string, KeyAttribute>();
  for (const attr of all) {
    const seen = byName.get(attr.name);
    if (seen && seen.type !== attr.type) {
      throw new Error(`Attribute ${attr.name} is declared with two types`);
    }
    byName.set(attr.name, attr);
  }
  return [...byName.values()];
}
