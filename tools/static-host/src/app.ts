/**
 * The web app's static export served as S3 + CloudFront serve it (infra/lib/web.ts): files only,
 * a directory's index.html, the export's 404 page with status 404 for anything else, hashed
 * bundles cached for a year and everything else revalidated. Used by the web image and by
 * `npm --prefix web run serve` (the browser tests), so both run the same server.
 */
import { readFile, stat } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { packageVersion } from '@taskmgr/config';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
  type RawServerDefault,
} from 'fastify';
import type { DestinationStream, LevelWithSilent } from 'pino';
import { createStaticHostLogger } from './logger';

export interface StaticHostAppOptions {
  /** Absolute path of the static export (the folder holding index.html). */
  root: string;
  logLevel?: LevelWithSilent;
  /** Where log lines go (stdout by default); tests collect them. */
  loggerDestination?: DestinationStream;
}

/** Content-hashed bundles: a new build gets new names, so these never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages and everything else: cached, but revalidated (ETag) so a new build shows at once. */
export const REVALIDATE = 'no-cache';

export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // No script-src: Next's export boots from inline scripts only 'unsafe-inline' would allow.
  'content-security-policy': "base-uri 'self'; object-src 'none'; frame-ancestors 'none'",
} as const;

/** One line per request, when it completes, instead of Fastify's two. */
class StaticHostLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      req: request,
      res: reply,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function statusOf(error: unknown): number {
  const status =
    typeof error === 'object' && error !== null && 'statusCode' in error
      ? error.statusCode
      : undefined;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

export async function buildStaticHostApp(options: StaticHostAppOptions): Promise<FastifyInstance> {
  const { root } = options;
  const app = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: createStaticHostLogger({
      version: packageVersion(join(__dirname, '..')),
      level: options.logLevel ?? 'info',
      ...(options.loggerDestination ? { destination: options.loggerDestination } : {}),
    }),
    logController: new StaticHostLogController(),
  });

  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
  app.addHook('onSend', async (_request, reply) => {
    // Files get theirs in setHeaders (on the raw response); redirects, 404s and errors this one.
    if (!reply.hasHeader('cache-control') && !reply.raw.hasHeader('cache-control')) {
      reply.header('cache-control', REVALIDATE);
    }
  });

  const sendNotFound = async (reply: FastifyReply) => {
    reply.code(404).header('cache-control', REVALIDATE);
    try {
      // Read each time: the folder may get a new build while the host runs.
      const page = await readFile(join(root, '404.html'));
      return reply.type('text/html; charset=utf-8').send(page);
    } catch {
      return reply.type('text/plain; charset=utf-8').send('Not Found');
    }
  };
  app.setNotFoundHandler((_request, reply) => sendNotFound(reply));
  app.setErrorHandler((error: unknown, request, reply) => {
    const status = statusOf(error);
    // send answers 403 for a path that climbs out of the root: no different from an unknown one.
    if (status === 403 || status === 404) return sendNotFound(reply);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply
      .code(status)
      .header('cache-control', REVALIDATE)
      .type('text/plain; charset=utf-8')
      .send(STATUS_CODES[status] ?? 'Error');
  });

  // Probes log only failures: compose and ECS-style healthchecks poll every few seconds.
  app.get('/health/live', { logLevel: 'warn' }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/health/ready', { logLevel: 'warn' }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (await isFile(join(root, 'index.html'))) return { status: 'ok' };
    return reply.code(503).send({ status: 'fail', detail: 'no index.html in the web root' });
  });

  await app.register(fastifyStatic, {
    root,
    // Each page is <route>/index.html (trailingSlash): /tasks answers 301 to /tasks/.
    redirect: true,
    // The plugin's default is to serve them.
    dotfiles: 'ignore',
    // Set in setHeaders instead: the plugin's own header would override ours.
    cacheControl: false,
    setHeaders(res, filePath) {
      const path = relative(root, filePath).split(sep).join('/');
      res.setHeader('cache-control', path.startsWith('_next/static/') ? IMMUTABLE : REVALIDATE);
    },
  });
  return app;
}
