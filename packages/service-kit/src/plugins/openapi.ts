import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

export interface OpenApiTag {
  name: string;
  description?: string;
}

export interface OpenApiOptions {
  title: string;
  version: string;
  description?: string;
  tags?: OpenApiTag[];
}

export const DOCS_PREFIX = '/docs';

/**
 * Collects every route's TypeBox schemas into an OpenAPI 3.1 document, served at /docs/json,
 * with the UI at /docs. Must be registered before the routes it documents.
 */
export const openApiPlugin = fp<OpenApiOptions>(
  async (app, options) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: options.title,
          version: options.version,
          ...(options.description ? { description: options.description } : {}),
        },
        tags: [
          ...(options.tags ?? []),
          ...(options.tags?.some((t) => t.name === 'health')
            ? []
            : [{ name: 'health', description: 'Liveness and readiness probes' }]),
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description: 'Cognito access token',
            },
          },
        },
      },
    });
    await app.register(swaggerUi, {
      routePrefix: DOCS_PREFIX,
      // The public validator badge would be an off-site image request blocked by the CSP.
      uiConfig: { deepLinking: true, validatorUrl: null },
    });
  },
  { name: 'service-kit/openapi', fastify: '5.x' },
);
