import type { BaseLogger } from 'pino';

/** The logging the workers and channels need: satisfied by Fastify's logger and a pino one. */
export type WorkerLog = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;
