import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { DOCS_PREFIX } from '@taskmgr/service-kit';
import type { FastifyInstance } from 'fastify';
import type { MergedDocs } from './merged-docs';

/**
 * `/docs` (the Swagger UI) and `/docs/json` (the merged document). @fastify/swagger runs in
 * static mode only because the UI plugin requires it; the document served is always the
 * freshly merged one, fetched in the hook before the synchronous transform reads it.
 */
export async function registerDocsRoutes(app: FastifyInstance, docs: MergedDocs): Promise<void> {
  await app.register(swagger, {
    mode: 'static',
    specification: {
      document: {
        openapi: '3.1.0',
        info: { title: 'Task management API', version: '0' },
        paths: {},
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    // The public validator badge would be an off-site request for every page view.
    uiConfig: { deepLinking: true, validatorUrl: null, persistAuthorization: true },
    uiHooks: {
      onRequest: async (request) => {
        if (/\/(json|yaml)$/.test(request.url.split('?')[0] ?? '')) await docs.current();
      },
    },
    transformSpecificationClone: false,
    transformSpecification: (placeholder) => docs.latest() ?? placeholder,
  });
}
