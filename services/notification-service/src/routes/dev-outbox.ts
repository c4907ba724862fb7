/**
 * DELIVERY_MODE=local only, never in production (app.ts does not register it there): what the
 * service would have sent by email, SMS and to the topics. Not behind the gateway or auth; it
 * listens on the developer's machine only.
 */
import { Type } from '@sinclair/typebox';
import type { ServiceRoutes } from '@taskmgr/service-kit';
import type { DevOutbox } from '../channels/dev-channel';
import { NoContentSchema } from '../schemas/notifications';

const DevOutboxQuerySchema = Type.Object(
  {
    to: Type.Optional(Type.String({ description: 'only messages to this address or number' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export function devOutboxRoutes(outbox: DevOutbox): ServiceRoutes {
  return async (app) => {
    app.get(
      '/dev/outbox',
      {
        schema: {
          tags: ['dev'],
          summary: 'Messages the local dev channel captured, newest first (development only)',
          querystring: DevOutboxQuerySchema,
        },
      },
      async (request) => {
        const { to, limit = 100 } = request.query;
        const items = outbox
          .list()
          .filter((entry) => to === undefined || ('to' in entry && entry.to === to))
          .slice(0, limit);
        return { items };
      },
    );

    app.delete(
      '/dev/outbox',
      {
        schema: {
          tags: ['dev'],
          summary: 'Empty the dev outbox (development only)',
          response: { 204: NoContentSchema },
        },
      },
      async (_request, reply) => {
        outbox.clear();
        return reply.code(204).send(null);
      },
    );
  };
}
