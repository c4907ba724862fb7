import type { RouteDomainErrorStatus } from './errors/domain-errors';

/** Per-route switches the kit reads from a route's `config`. */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** Log this route's request lines at debug, e.g. health probes. */
    quietRequestLog?: boolean;
    /** `false` keeps the route answering while the process sheds load (liveness). */
    loadShedding?: boolean;
    /** Overrides of the domain error → status table for this route. */
    domainErrorStatus?: RouteDomainErrorStatus;
  }
}
