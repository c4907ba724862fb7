import { type Static, Type } from '@sinclair/typebox';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import type { ResolvedAuthConfig } from './config';
import { InvalidAccessTokenError, JwksUnavailableError, type TokenRejection } from './errors';
import {
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
  type AuthenticatedUser,
  createAccessTokenVerifier,
} from './verifier';

/**
 * Resolves with the reply when it has answered (so Fastify waits for the answer to be written and
 * runs nothing after it), or with undefined when the request may proceed.
 */
export type AuthenticateHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<FastifyReply | undefined>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` from the verified access token only; null until then. */
    user: AuthenticatedUser | null;
  }
  interface FastifyInstance {
    /** preHandler that answers 401/503 problem+json unless the request has a valid access token. */
    authenticate: AuthenticateHandler;
    accessTokenVerifier: AccessTokenVerifier;
  }
}

export type AuthPluginOptions =
  | { verifier: AccessTokenVerifier }
  | { config: ResolvedAuthConfig; verifierOptions?: AccessTokenVerifierOptions };

/** RFC 9457 body used for the 401 and 503 answers. */
export const AuthProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
  },
  { description: 'Problem details (RFC 9457)' },
);
export type AuthProblem = Static<typeof AuthProblemSchema>;

/** For `components.securitySchemes` in the OpenAPI document; protected routes reference it. */
export const bearerAuthSecuritySchemes = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito access token',
  },
} as const;

const SECURITY_REQUIREMENT = [{ bearerAuth: [] }];

const DETAIL: Record<TokenRejection, string> = {
  missing: 'This endpoint requires an access token: send Authorization: Bearer <token>.',
  malformed: 'The Authorization header does not hold a well-formed Bearer access token.',
  expired: 'The access token has expired.',
  invalid: 'The access token is not valid.',
};

// RFC 6750 b64token after a case-insensitive scheme.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Decorates the app with `authenticate` and `request.user`. Register it once at the root (it is
 * not encapsulated), then either put `onRequest: app.authenticate` on a route or register
 * `requireAuthentication` inside an encapsulated plugin to protect all its routes.
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app, options) => {
    const verifier =
      'verifier' in options
        ? options.verifier
        : createAccessTokenVerifier(options.config, options.verifierOptions);

    app.decorateRequest('user', null);
    app.decorate('accessTokenVerifier', verifier);

    const authenticate: AuthenticateHandler = async (request, reply) => {
      request.user = null;
      const header = request.headers.authorization;
      if (header === undefined || header === '') return sendUnauthorized(reply, 'missing');
      const token = BEARER.exec(header)?.[1];
      if (token === undefined) return sendUnauthorized(reply, 'malformed');
      try {
        request.user = await verifier.verify(token);
        return undefined;
      } catch (err) {
        if (err instanceof JwksUnavailableError) {
          request.log.error({ err }, 'cannot verify access tokens: JWKS unavailable');
          reply.header('retry-after', '5');
          return sendProblem(
            reply,
            503,
            'Service Unavailable',
            'Access tokens cannot be verified right now.',
          );
        }
        const reason = err instanceof InvalidAccessTokenError ? err.reason : 'invalid';
        const internal = err instanceof InvalidAccessTokenError ? err.internalReason : String(err);
        // The precise reason goes to the log only; the client gets the coarse one.
        request.log.info({ authFailure: internal }, 'access token rejected');
        return sendUnauthorized(reply, reason);
      }
    };
    app.decorate('authenticate', authenticate);

    // Routes that use `authenticate` get the security requirement and problem responses in
    // their schema, so the OpenAPI document shows them.
    app.addHook('onRoute', (route) => {
      const hooks = [...hookList(route.onRequest), ...hookList(route.preHandler)];
      if (hooks.includes(authenticate)) documentProtection(route);
    });
  },
  { name: '@taskmgr/auth', fastify: '5.x' },
);

/**
 * Registered inside an encapsulated plugin, puts `authenticate` in front of every route that
 * plugin declares afterwards. On request, before the body is parsed or validated: an anonymous
 * caller gets a 401 and learns nothing from validation errors.
 */
export const requireAuthentication = fp(
  async (app: FastifyInstance) => {
    const authenticate = app.authenticate;
    app.addHook('onRoute', (route) => {
      const existing = hookList(route.onRequest);
      if (!existing.includes(authenticate)) {
        route.onRequest = [authenticate, ...existing] as RouteOptions['onRequest'];
      }
      documentProtection(route);
    });
  },
  { name: '@taskmgr/auth/require-authentication', fastify: '5.x', dependencies: ['@taskmgr/auth'] },
);

/**
 * The user of a request that passed `authenticate`. Throws (a 500, by design) when the route was
 * never protected, so a forgotten preHandler fails closed instead of running without a user.
 */
export function authenticatedUser(request: FastifyRequest): AuthenticatedUser {
  if (!request.user) {
    throw new Error(`Route ${request.routeOptions.url ?? request.url} is not behind authenticate`);
  }
  return request.user;
}

function hookList(hooks: RouteOptions['preHandler'] | RouteOptions['onRequest']): unknown[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? [...hooks] : [hooks];
}

function documentProtection(route: RouteOptions): void {
  const schema = route.schema ?? {};
  const response = (schema.response ?? {}) as Record<string, unknown>;
  // `security` is read by @fastify/swagger, which is what adds it to FastifySchema's type.
  const documented: FastifySchema & { security: typeof SECURITY_REQUIREMENT } = {
    ...schema,
    security: SECURITY_REQUIREMENT,
    response: {
      ...response,
      401: response[401] ?? AuthProblemSchema,
      503: response[503] ?? AuthProblemSchema,
    },
  };
  route.schema = documented;
}

function sendUnauthorized(reply: FastifyReply, reason: TokenRejection): FastifyReply {
  const detail = DETAIL[reason];
  // RFC 6750 §3.1: no error code when the request carried no credentials at all.
  reply.header(
    'www-authenticate',
    reason === 'missing'
      ? 'Bearer'
      : `Bearer error="invalid_token", error_description="${detail.replace(/"/g, "'")}"`,
  );
  return sendProblem(reply, 401, 'Unauthorized', detail);
}

function sendProblem(
  reply: FastifyReply,
  status: number,
  title: string,
  detail: string,
): FastifyReply {
  const body: AuthProblem = { type: 'about:blank', title, status, detail };
  return reply.code(status).type('application/problem+json').send(body);
}
