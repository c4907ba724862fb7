import { HttpProblem, type ReadinessCheck, type ServiceApp } from '@taskmgr/service-kit';
import { buildExampleApp } from '../support/example-app';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

describe('OpenAPI', () => {
  let app: ServiceApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    ({ app } = await buildExampleApp());
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });

  afterAll(() => app.close());

  it('describes the service with a bearer security scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'example-service', version: '1.2.3' });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('lists the example route with its request and response schemas', () => {
    const op = doc.paths['/examples']?.post;
    expect(op).toBeDefined();
    expect(
      Object.keys(op?.requestBody?.content['application/json']?.schema.properties ?? {}),
    ).toEqual(expect.arrayContaining(['title', 'email', 'notificationPreferences']));
    expect(op?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'limit', in: 'query' })]),
    );
    expect(Object.keys(op?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '409', '500']),
    );
    expect(op?.responses['201']?.content?.['application/json']).toBeDefined();
    const badRequest = op?.responses['400']?.content?.['application/problem+json']?.schema;
    expect(JSON.stringify(badRequest)).toContain('errors');
  });

  it('documents the health routes but not the docs routes themselves', () => {
    expect(doc.paths['/health/live']?.get).toBeDefined();
    expect(doc.paths['/health/ready']?.get?.responses['503']).toBeDefined();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/docs'))).toBe(false);
  });

  it('serves the UI at /docs under a CSP that allows its same-origin assets', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    // Outside production the service is reached over plain HTTP, so no forced upgrade.
    expect(csp).not.toContain('upgrade-insecure-requests');
    // Every script is a same-origin file: nothing inline for the CSP to block.
    expect(res.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    for (const src of res.body.matchAll(/<script src="([^"]+)"/g)) {
      const asset = await app.inject({
        method: 'GET',
        url: new URL(src[1] ?? '', 'http://x/docs/').pathname,
      });
      expect(asset.statusCode).toBe(200);
    }
  });
});

describe('health', () => {
  it('answers /health/live with ok', async () => {
    const { app } = await buildExampleApp();
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    await app.close();
  });

  it('runs the readiness checks and names the failing one', async () => {
    const ok: ReadinessCheck = { name: 'cache', check: async () => {} };
    const broken: ReadinessCheck = {
      name: 'cognito',
      check: async () => {
        throw new HttpProblem(500, 'x', 'internal endpoint http://10.1.2.3 refused');
      },
    };
    const hanging: ReadinessCheck = {
      name: 'slowpoke',
      timeoutMs: 50,
      check: () => new Promise(() => {}),
    };

    const healthy = await buildExampleApp({ readinessChecks: [ok] });
    const good = await healthy.app.inject({ method: 'GET', url: '/health/ready' });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({
      status: 'ok',
      checks: { cache: { status: 'ok', durationMs: expect.any(Number) } },
    });
    await healthy.app.close();

    const sick = await buildExampleApp({ readinessChecks: [ok, broken, hanging] });
    const bad = await sick.app.inject({ method: 'GET', url: '/health/ready' });
    expect(bad.statusCode).toBe(503);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json()).toMatchObject({
      status: 503,
      title: 'Service Unavailable',
      detail: 'Readiness check failed: cognito, slowpoke',
      checks: {
        cache: { status: 'ok' },
        cognito: { status: 'fail', reason: 'error' },
        slowpoke: { status: 'fail', reason: 'timeout' },
      },
    });
    expect(bad.body).not.toContain('10.1.2.3');
    expect(sick.logs.text()).toContain('10.1.2.3');
    await sick.app.close();
  });
});
