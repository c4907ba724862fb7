import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpProblem, problemType } from '../errors/http-problem';
import { type ReadinessCheck, runReadinessChecks } from '../readiness';
import { LivenessSchema, NotReadyProblemSchema, ReadinessSchema } from '../schemas/health';
import { PROBLEM_CONTENT_TYPE } from '../schemas/problem';
import '../route-config';

export interface HealthRoutesOptions {
  readinessChecks: readonly ReadinessCheck[];
}

// Probes hit these every few seconds: no rate limit, and request lines only at debug.
const probeConfig = { rateLimit: false, quietRequestLog: true } as const;

/** `/health/live` (the process is up) and `/health/ready` (its dependencies answer). */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (
  app,
  options,
) => {
  app.get(
    '/health/live',
    {
      // Liveness must not fail under load: the orchestrator would kill a busy but healthy task.
      config: { ...probeConfig, loadShedding: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness probe',
        response: { 200: LivenessSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: probeConfig,
      schema: {
        tags: ['health'],
        summary: 'Readiness probe: checks the service dependencies',
        response: {
          200: ReadinessSchema,
          503: {
            description: 'A dependency is unavailable; the failing check is named',
            content: { [PROBLEM_CONTENT_TYPE]: { schema: NotReadyProblemSchema } },
          },
        },
      },
    },
    async (request) => {
      const report = await runReadinessChecks(options.readinessChecks, request.log);
      if (!report.ready) {
        const failing = Object.entries(report.checks)
          .filter(([, result]) => result.status === 'fail')
          .map(([name]) => name);
        throw new HttpProblem(
          503,
          'Service Unavailable',
          `Readiness check failed: ${failing.join(', ')}`,
          { checks: report.checks },
          { type: problemType('not-ready') },
        );
      }
      return { status: 'ok' as const, checks: report.checks };
    },
  );
};
