import { Type } from '@sinclair/typebox';
import {
  type BuildServiceAppOptions,
  buildServiceApp,
  errorResponses,
  HttpProblem,
  keyFromBodyField,
  loadServiceConfig,
  PATTERN_MESSAGE,
  preconditionFailedOnIfMatch,
  routeRateLimit,
  type ServiceApp,
  type ServiceRoutes,
} from '@taskmgr/service-kit';

/** A tiny route set exercising the kit the way a real service would. */
export const ExampleBodySchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 20 }),
    email: Type.String({ format: 'email' }),
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('done')])),
    notificationPreferences: Type.Optional(
      Type.Object({ email: Type.Boolean(), sms: Type.Boolean() }, { additionalProperties: false }),
    ),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 5 }), { maxItems: 3 })),
    code: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9]+$',
        [PATTERN_MESSAGE]: 'must be letters and digits only',
      }),
    ),
    sku: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
  },
  { additionalProperties: false },
);

export const ExampleQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ExampleSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  titleType: Type.String(),
  limit: Type.Optional(Type.Integer()),
  limitType: Type.String(),
});

const LoginBodySchema = Type.Object(
  { email: Type.String({ format: 'email' }), password: Type.String({ minLength: 8 }) },
  { additionalProperties: false },
);

export const exampleRoutes: ServiceRoutes = async (app) => {
  app.post(
    '/examples',
    {
      schema: {
        tags: ['examples'],
        summary: 'Create an example',
        body: ExampleBodySchema,
        querystring: ExampleQuerySchema,
        response: { 201: ExampleSchema, ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return {
        id: 'ex-1',
        title: request.body.title,
        titleType: typeof request.body.title,
        limit: request.query.limit,
        limitType: typeof request.query.limit,
      };
    },
  );

  app.get('/boom', async () => {
    throw new Error('connection string postgres://admin:hunter2@db leaked');
  });

  app.get(
    '/domain/:code',
    { schema: { params: Type.Object({ code: Type.String() }) } },
    async (request) => {
      throw Object.assign(new Error(`domain failure ${request.params.code}`), {
        code: request.params.code,
      });
    },
  );

  app.patch(
    '/versioned',
    {
      config: {
        // 412 only when the client asked for a conditional update.
        domainErrorStatus: preconditionFailedOnIfMatch,
      },
    },
    async () => {
      throw Object.assign(new Error('The task changed: expected version 1, found 2'), {
        code: 'VERSION_CONFLICT',
      });
    },
  );

  app.get('/problem', async () => {
    throw new HttpProblem(
      422,
      'Unprocessable Content',
      'The due date is in the past',
      { code: 'DUE_DATE_PAST' },
      { headers: { 'x-extra': 'yes' } },
    );
  });

  app.get('/problem-5xx', async () => {
    throw HttpProblem.of(502, 'Cognito did not answer');
  });

  app.post(
    '/login',
    {
      config: {
        rateLimit: routeRateLimit({
          max: 2,
          timeWindow: '1 minute',
          key: keyFromBodyField('email'),
        }),
      },
      schema: { body: LoginBodySchema },
    },
    async () => ({ ok: true }),
  );

  app.get(
    '/limited',
    { config: { rateLimit: routeRateLimit({ max: 1, timeWindow: 60_000 }) } },
    async () => ({ ok: true }),
  );

  // Logs exactly what the kit forbids routes to log, to prove redaction is the safety net.
  app.post('/careless', async (request) => {
    request.log.info({ headers: request.headers, body: request.body }, 'careless log line');
    return { ok: true };
  });

  app.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { ok: true };
  });
};

export interface CapturedLogs {
  lines: string[];
  entries(): Array<Record<string, unknown>>;
  text(): string;
}

export function captureLogs(): CapturedLogs & { destination: { write(line: string): void } } {
  const lines: string[] = [];
  return {
    lines,
    destination: { write: (line: string) => void lines.push(line) },
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    text: () => lines.join(''),
  };
}

export const TEST_ORIGIN = 'https://app.example.com';

export async function buildExampleApp(
  overrides: Partial<BuildServiceAppOptions> = {},
  env: Record<string, string> = {},
): Promise<{ app: ServiceApp; logs: CapturedLogs }> {
  const logs = captureLogs();
  const config = loadServiceConfig(undefined, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    CORS_ORIGINS: `${TEST_ORIGIN}, http://localhost:3000`,
    BODY_LIMIT_BYTES: '2048',
    // A busy test runner would otherwise trip load shedding; its own test turns it back on.
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    PRESSURE_MAX_EVENT_LOOP_UTILIZATION: '0',
    ...env,
  });
  const app = await buildServiceApp({
    name: 'example-service',
    version: '1.2.3',
    config,
    routes: exampleRoutes,
    loggerDestination: logs.destination,
    openapi: { description: 'Example', tags: [{ name: 'examples' }] },
    ...overrides,
  });
  return { app, logs };
}
