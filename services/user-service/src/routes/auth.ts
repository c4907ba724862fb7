import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '@taskmgr/service-kit';
import type { FastifyReply } from 'fastify';
import type { Registration } from '../accounts/registration';
import type { Sessions } from '../accounts/sessions';
import type { RateLimitSettings } from '../config';
import {
  ConfirmationRequiredSchema,
  ConfirmBodySchema,
  LoginBodySchema,
  NoContentSchema,
  RefreshTokenBodySchema,
  RegisterBodySchema,
  TokensSchema,
} from '../schemas/auth';
import { normalizeEmailInBody } from './email-normalization';
import { perEmailRateLimit, perIpRateLimit } from './rate-limits';

export interface AuthRoutesOptions {
  registration: Registration;
  sessions: Sessions;
  rateLimits: RateLimitSettings;
}

/** Public routes (the gateway's JWT authorizer skips /auth): each is rate limited. */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const { registration, sessions, rateLimits } = options;
  app.addHook('preValidation', normalizeEmailInBody);
  const perIp = () => ({ config: { rateLimit: perIpRateLimit(rateLimits) } });
  // Routes whose body names an account are also limited per address.
  const perIpAndEmail = () => ({ ...perIp(), preHandler: perEmailRateLimit(app, rateLimits) });

  app.post(
    '/auth/register',
    {
      ...perIpAndEmail(),
      schema: {
        tags: ['auth'],
        summary: 'Create an account and its profile',
        description:
          'Answers 201 with tokens when the account is confirmed straight away (auto-confirm), or 202 when the emailed code must be sent to POST /auth/confirm first.',
        body: RegisterBodySchema,
        response: {
          201: TokensSchema,
          202: ConfirmationRequiredSchema,
          ...errorResponses(400, 409, 413, 415, 429, 502, 503),
        },
      },
    },
    async (request, reply) => {
      const outcome = await registration.register(request.body, request.log);
      if (outcome.kind === 'signed-in') {
        noStore(reply).code(201).header('location', '/users/me');
        return outcome.tokens;
      }
      reply.code(202);
      return {
        confirmationRequired: true as const,
        ...(outcome.codeDelivery
          ? {
              deliveryMedium: outcome.codeDelivery.medium,
              destination: outcome.codeDelivery.destination,
            }
          : {}),
      };
    },
  );

  app.post(
    '/auth/confirm',
    {
      ...perIpAndEmail(),
      schema: {
        tags: ['auth'],
        summary: 'Confirm an account with the emailed code',
        body: ConfirmBodySchema,
        response: { 204: NoContentSchema, ...errorResponses(400, 413, 415, 429, 502) },
      },
    },
    async (request, reply) => {
      await registration.confirm(request.body.email, request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/login',
    {
      ...perIpAndEmail(),
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password',
        description:
          'An unknown address and a wrong password get the same 401; an unconfirmed account gets 403.',
        body: LoginBodySchema,
        response: {
          200: TokensSchema,
          ...errorResponses(400, 401, 403, 413, 415, 429, 502, 503),
        },
      },
    },
    async (request, reply) => {
      const tokens = await sessions.signIn(request.body.email, request.body.password, request.log);
      noStore(reply);
      return tokens;
    },
  );

  app.post(
    '/auth/refresh',
    {
      ...perIp(),
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for new access and ID tokens',
        body: RefreshTokenBodySchema,
        response: { 200: TokensSchema, ...errorResponses(400, 401, 413, 415, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const tokens = await sessions.refresh(request.body.refreshToken);
      noStore(reply);
      return tokens;
    },
  );

  app.post(
    '/auth/logout',
    {
      ...perIp(),
      schema: {
        tags: ['auth'],
        summary: 'Revoke a refresh token',
        description:
          'Afterwards the refresh token no longer works. Access tokens already issued stay valid until they expire (minutes).',
        body: RefreshTokenBodySchema,
        response: { 204: NoContentSchema, ...errorResponses(400, 413, 415, 429, 502) },
      },
    },
    async (request, reply) => {
      await sessions.signOut(request.body.refreshToken, request.log);
      return reply.code(204).send(null);
    },
  );
};

// RFC 6749 §5.1: responses carrying tokens must not be cached.
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}
