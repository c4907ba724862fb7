/** The in-app inbox (ARCHITECTURE §5); every route acts on the caller's own notifications. */
import { authenticatedUser, requireAuthentication } from '@taskmgr/auth';
import type { CursorCodec, CursorQuery, NotificationRepository } from '@taskmgr/dynamo';
import { errorResponses, type ServiceRoutes } from '@taskmgr/service-kit';
import {
  NoContentSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationParamsSchema,
  UnreadCountSchema,
} from '../schemas/notifications';

export interface NotificationRoutesOptions {
  notifications: NotificationRepository;
  cursors: CursorCodec;
}

const TAGS = ['notifications'];

export function notificationRoutes(options: NotificationRoutesOptions): ServiceRoutes {
  const { notifications, cursors } = options;
  return async (app) => {
    await app.register(requireAuthentication);

    app.get(
      '/notifications',
      {
        schema: {
          tags: TAGS,
          summary: 'List notifications, newest first',
          description:
            'Expired notifications are never returned. Pass nextCursor as cursor (with the same unread filter) for the next page.',
          querystring: NotificationListQuerySchema,
          response: { 200: NotificationListSchema, ...errorResponses(400) },
        },
      },
      async (request) => {
        const { userId } = authenticatedUser(request);
        const unreadOnly = request.query.unread ?? false;
        // The cursor is bound to the user and the filter: it cannot page another listing.
        const cursorQuery: CursorQuery = { unread: unreadOnly };
        const startKey = request.query.cursor
          ? cursors.decode(request.query.cursor, { userId, query: cursorQuery })
          : undefined;
        const page = await notifications.list(userId, {
          unreadOnly,
          limit: request.query.limit ?? 20,
          startKey,
        });
        return {
          items: page.items,
          nextCursor: page.lastKey
            ? cursors.encode({ userId, query: cursorQuery, lastKey: page.lastKey })
            : null,
        };
      },
    );

    app.get(
      '/notifications/unread-count',
      {
        schema: {
          tags: TAGS,
          summary: 'Count unread notifications',
          response: { 200: UnreadCountSchema, ...errorResponses() },
        },
      },
      async (request) => {
        const { userId } = authenticatedUser(request);
        return { count: await notifications.countUnread(userId) };
      },
    );

    app.post(
      '/notifications/read-all',
      {
        schema: {
          tags: TAGS,
          summary: 'Mark every notification read',
          response: { 204: NoContentSchema, ...errorResponses() },
        },
      },
      async (request, reply) => {
        const { userId } = authenticatedUser(request);
        const changed = await notifications.markAllRead(userId);
        request.log.info({ changed }, 'marked notifications read');
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/notifications/:notificationId/read',
      {
        schema: {
          tags: TAGS,
          summary: 'Mark one notification read',
          params: NotificationParamsSchema,
          response: { 204: NoContentSchema, ...errorResponses(400, 404) },
        },
      },
      async (request, reply) => {
        const { userId } = authenticatedUser(request);
        await notifications.markRead(userId, request.params.notificationId);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/notifications/:notificationId',
      {
        schema: {
          tags: TAGS,
          summary: 'Delete one notification',
          params: NotificationParamsSchema,
          response: { 204: NoContentSchema, ...errorResponses(400, 404) },
        },
      },
      async (request, reply) => {
        const { userId } = authenticatedUser(request);
        await notifications.delete(userId, request.params.notificationId);
        return reply.code(204).send(null);
      },
    );
  };
}
