import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import './route-config';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

/** Body, query and SDK fields whose values must never reach a log line. */
export const SENSITIVE_FIELDS: readonly string[] = [
  'password',
  'newPassword',
  'previousPassword',
  'accessToken',
  'idToken',
  'refreshToken',
  'token',
  'code',
  'secret',
  'clientSecret',
  // Cognito SDK inputs and outputs spell them in PascalCase.
  'Password',
  'PreviousPassword',
  'ProposedPassword',
  'AccessToken',
  'IdToken',
  'RefreshToken',
  'ConfirmationCode',
  'SecretHash',
  'Session',
];

// Incoming headers are lower-case; outgoing ones (an SDK's or fetch's) may not be.
const SENSITIVE_HEADERS = [
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  '["set-cookie"]',
  '["Set-Cookie"]',
];

// pino's redaction has no recursive wildcard, so cover the depths objects are logged at.
const DEPTHS = ['', '*.', '*.*.', '*.*.*.'];

export const REDACT_PATHS: readonly string[] = [
  ...SENSITIVE_HEADERS.flatMap((h) =>
    ['req.headers', 'res.headers', 'headers', '*.headers', '*.*.headers'].map((p) =>
      h.startsWith('[') ? `${p}${h}` : `${p}.${h}`,
    ),
  ),
  ...SENSITIVE_FIELDS.flatMap((field) => DEPTHS.map((depth) => `${depth}${field}`)),
];

export const REDACTED = '[Redacted]';

const SENSITIVE_QUERY_KEYS = new Set(SENSITIVE_FIELDS.map((f) => f.toLowerCase()));

/** Masks sensitive query parameters, e.g. `/x?token=abc` → `/x?token=[Redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      return SENSITIVE_QUERY_KEYS.has(safeDecode(key).toLowerCase()) ? `${key}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export interface ServiceLoggerOptions {
  name: string;
  version: string;
  level: LevelWithSilent;
  /** Where lines go; stdout when omitted. Tests pass a stream that collects them. */
  destination?: DestinationStream;
}

export function createServiceLogger(options: ServiceLoggerOptions): Logger {
  const pinoOptions: pino.LoggerOptions = {
    level: options.level,
    base: { service: options.name, version: options.version, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    serializers: {
      // No headers and no body: only what identifies the request.
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        remoteAddress: request.ip,
      }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
      err: serializeError,
    },
  };
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}

/**
 * pino's error serializer, with `code` renamed: `code` is redacted everywhere because Cognito
 * confirmation codes travel under that name, and error codes are worth keeping.
 */
function serializeError(error: Error): Record<string, unknown> {
  const { code, ...rest } = pino.stdSerializers.err(error);
  return code === undefined ? rest : { ...rest, errorCode: code };
}

/**
 * Fastify's request log lines, with routes flagged `quietRequestLog` (health probes, hit every
 * few seconds by the load balancer) demoted to debug.
 */
export class ServiceLogController extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    if (!isQuiet(request)) {
      super.incomingRequest(request, reply);
    } else if (!this.isLogDisabled(request)) {
      request.log.debug({ req: request }, 'incoming request');
    }
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error || !isQuiet(request)) {
      super.requestCompleted(error, request, reply);
    } else if (!this.isLogDisabled(request)) {
      reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
    }
  }
}

function isQuiet(request: FastifyRequest): boolean {
  return request.routeOptions.config.quietRequestLog === true;
}
