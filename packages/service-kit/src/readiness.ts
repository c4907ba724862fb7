import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoClients } from '@taskmgr/dynamo';
import type { FastifyBaseLogger } from 'fastify';
import type { CheckResult } from './schemas/health';

/** One dependency `/health/ready` verifies; `check` rejects when the dependency is unusable. */
export interface ReadinessCheck {
  name: string;
  /** Defaults to 2 s: a load balancer probe must not hang on a slow dependency. */
  timeoutMs?: number;
  check(signal: AbortSignal): Promise<void>;
}

export const DEFAULT_READINESS_TIMEOUT_MS = 2000;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

class CheckTimeoutError extends Error {
  constructor(name: string, timeoutMs: number) {
    super(`readiness check ${name} timed out after ${timeoutMs} ms`);
    this.name = 'CheckTimeoutError';
  }
}

/** Runs the checks in parallel, each bounded by its timeout; failures are logged with detail. */
export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
  log: FastifyBaseLogger,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    checks.map(async (check): Promise<[string, CheckResult]> => {
      const started = performance.now();
      const timeoutMs = check.timeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS;
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new CheckTimeoutError(check.name, timeoutMs);
          controller.abort(error);
          reject(error);
        }, timeoutMs);
      });
      try {
        // The race also covers a check that ignores the abort signal.
        await Promise.race([check.check(controller.signal), timeout]);
        return [check.name, { status: 'ok', durationMs: elapsed(started) }];
      } catch (err) {
        const reason = err instanceof CheckTimeoutError ? 'timeout' : 'error';
        log.warn({ err, check: check.name }, 'readiness check failed');
        return [check.name, { status: 'fail', reason, durationMs: elapsed(started) }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const results = Object.fromEntries(entries);
  return { ready: entries.every(([, r]) => r.status === 'ok'), checks: results };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

export interface DynamoReadinessOptions {
  name?: string;
  timeoutMs?: number;
}

/** Ready when the configured table exists and accepts traffic (ACTIVE or UPDATING). */
export function dynamoTableReadinessCheck(
  clients: Pick<DynamoClients, 'client' | 'tableName'>,
  options: DynamoReadinessOptions = {},
): ReadinessCheck {
  return {
    name: options.name ?? 'dynamodb',
    timeoutMs: options.timeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS,
    async check(signal) {
      const { Table } = await clients.client.send(
        new DescribeTableCommand({ TableName: clients.tableName }),
        { abortSignal: signal },
      );
      const status = Table?.TableStatus;
      if (status !== 'ACTIVE' && status !== 'UPDATING') {
        throw new Error(`table ${clients.tableName} is ${status ?? 'in an unknown state'}`);
      }
    },
  };
}
