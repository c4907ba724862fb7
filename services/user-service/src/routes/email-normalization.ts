import { normalizeEmail } from '@taskmgr/dynamo';
import type { FastifyRequest } from 'fastify';

/**
 * preValidation hook: the one place a request's email is trimmed and lower-cased, before the
 * schema, the per-email rate limit, Cognito and DynamoDB ever see it.
 */
export async function normalizeEmailInBody(request: FastifyRequest): Promise<void> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || !('email' in body)) return;
  if (typeof body.email === 'string') {
    (body as { email: string }).email = normalizeEmail(body.email);
  }
}
