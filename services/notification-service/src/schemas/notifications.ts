import { type Static, Type } from '@sinclair/typebox';
import { NOTIFICATION_KINDS } from '@taskmgr/dynamo';
import { nullableResponse, PATTERN_MESSAGE } from '@taskmgr/service-kit';

// Derived ids: `due-<taskId>-<epoch ms>` or `done-<eventId>` (see notification-content.ts).
const NOTIFICATION_ID_PATTERN = '^[A-Za-z0-9_-]{1,200}$';

export const NotificationSchema = Type.Object(
  {
    notificationId: Type.String(),
    kind: Type.Union(NOTIFICATION_KINDS.map((kind) => Type.Literal(kind))),
    taskId: Type.String(),
    title: Type.String(),
    message: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    read: Type.Boolean(),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const NotificationListQuerySchema = Type.Object(
  {
    unread: Type.Optional(
      Type.Boolean({ description: 'true lists unread notifications only', default: false }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 4096,
        description: 'nextCursor from the previous page, with the same unread filter',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuerySchema>;

export const NotificationListSchema = Type.Object(
  {
    items: Type.Array(NotificationSchema),
    nextCursor: nullableResponse(Type.String({ description: 'null on the last page' })),
  },
  { additionalProperties: false },
);

export const UnreadCountSchema = Type.Object(
  { count: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

export const NotificationParamsSchema = Type.Object(
  {
    notificationId: Type.String({
      pattern: NOTIFICATION_ID_PATTERN,
      [PATTERN_MESSAGE]: 'must be a notification id as returned by GET /notifications',
    }),
  },
  { additionalProperties: false },
);
export type NotificationParams = Static<typeof NotificationParamsSchema>;

export const NoContentSchema = Type.Null({ description: 'No content' });
