/**
 * The benchmark's floor: a Fastify app with no plugins, no logger, no token check and no schemas,
 * whose routes do each scenario's direct SDK work (through the direct side's client) and answer
 * its output as JSON. Any HTTP service in front of the same call through the same client costs at
 * least this much, so it splits the service's gap to the bare SDK into the HTTP hop itself and
 * what the service adds on top of it.
 *
 * It runs inside the SDK runner process, with the image's runtime, and is idle while the SDK loop
 * is measured.
 */
import Fastify from 'fastify';
import type { Scenario, ScenarioName } from './scenarios';

/** The service's routes for each scenario; the floor ignores the path's id and the body. */
const ROUTES: Record<ScenarioName, { method: 'GET' | 'POST'; url: string; status: number }> = {
  create: { method: 'POST', url: '/tasks', status: 201 },
  'get-by-id': { method: 'GET', url: '/tasks/:taskId', status: 200 },
  'list-page-of-20': { method: 'GET', url: '/tasks', status: 200 },
};

/** Listens on a free port, which it returns; it lives as long as the SDK runner process. */
export async function startFastifyFloor(scenarios: Scenario[]): Promise<number> {
  const app = Fastify({ logger: false });
  for (const scenario of scenarios) {
    const { method, url, status } = ROUTES[scenario.name];
    app.route({
      method,
      url,
      handler: async (_request, reply) => reply.code(status).send(await scenario.direct()),
    });
  }
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return Number(new URL(address).port);
}
