import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';
import { REQUEST_ID_HEADER } from '../request-id';

export interface SecurityHeadersOptions {
  corsOrigins: string[];
  production: boolean;
}

/** Helmet's headers plus CORS for an explicit allow-list of browser origins. */
export const securityHeadersPlugin = fp<SecurityHeadersOptions>(
  async (app, options) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          // Helmet's default CSP already lets the docs UI load (its scripts are same-origin
          // files); only the HTTPS upgrade must go where the service is reached over plain HTTP.
          upgradeInsecureRequests: options.production ? [] : null,
        },
      },
    });
    await app.register(cors, {
      // A disallowed origin simply gets no Access-Control-* headers.
      origin: options.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'If-Match',
        'Idempotency-Key',
        REQUEST_ID_HEADER,
      ],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', REQUEST_ID_HEADER],
      maxAge: 600,
    });
  },
  { name: 'service-kit/security-headers', fastify: '5.x' },
);
