import { type ServiceId, serviceIds, services } from '@taskmgr/route-table';
import {
  HttpProblem,
  LivenessSchema,
  NotReadyProblemSchema,
  PROBLEM_CONTENT_TYPE,
  problemType,
  type ReadinessCheck,
  ReadinessSchema,
  runReadinessChecks,
} from '@taskmgr/service-kit';
import type { FastifyInstance } from 'fastify';

function upstreamReadiness(id: ServiceId, base: string): ReadinessCheck {
  const url = `${base}${services[id].readinessPath}`;
  return {
    name: services[id].name,
    async check(signal) {
      const response = await fetch(url, { signal });
      // Drain the body so the connection goes back to the pool.
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    },
  };
}

/**
 * `/health/live`: the gateway process is up. `/health/ready`: every service behind it is ready
 * too, so one poll tells the stack (or a developer) that the whole API answers.
 */
export async function healthRoutes(
  app: FastifyInstance,
  options: { upstreams: Record<ServiceId, string> },
) {
  const checks = serviceIds.map((id) => upstreamReadiness(id, options.upstreams[id]));

  app.get('/health/live', { schema: { response: { 200: LivenessSchema } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/health/ready',
    {
      schema: {
        response: {
          200: ReadinessSchema,
          503: { content: { [PROBLEM_CONTENT_TYPE]: { schema: NotReadyProblemSchema } } },
        },
      },
    },
    async (request) => {
      const report = await runReadinessChecks(checks, request.log);
      if (!report.ready) {
        const failing = Object.entries(report.checks)
          .filter(([, result]) => result.status === 'fail')
          .map(([name]) => name);
        throw new HttpProblem(
          503,
          'Service Unavailable',
          `Not ready: ${failing.join(', ')}`,
          { checks: report.checks },
          { type: problemType('not-ready') },
        );
      }
      return { status: 'ok' as const, checks: report.checks };
    },
  );
}
