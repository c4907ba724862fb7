/**
 * One source of truth for routing. The local gateway proxies by it; the CDK builds the ALB
 * listener rules and the API Gateway routes (and which of them skip the JWT authorizer) from it.
 */

export type ServiceId = 'user' | 'task' | 'notification';

export interface ServiceDefinition {
  readonly id: ServiceId;
  /** Folder under services/ and the ECR repository / ECS service name. */
  readonly name: string;
  /** Port on the developer's machine; containers all listen on CONTAINER_PORT. */
  readonly localPort: number;
  readonly healthPath: string;
  readonly readinessPath: string;
}

export interface RouteDefinition {
  /** Path prefix as the client sees it, e.g. `/tasks`; matches `/tasks` and `/tasks/...`. */
  readonly prefix: string;
  readonly service: ServiceId;
  /** `public` routes skip the JWT authorizer (sign-up, login, token refresh). */
  readonly access: 'public' | 'jwt';
}

export const CONTAINER_PORT = 3000;

/** Where the local gateway (standing in for API Gateway and the ALB) listens by default. */
export const GATEWAY_PORT = 8080;

export const services: Readonly<Record<ServiceId, ServiceDefinition>> = {
  user: {
    id: 'user',
    name: 'user-service',
    localPort: 3001,
    healthPath: '/health/live',
    readinessPath: '/health/ready',
  },
  task: {
    id: 'task',
    name: 'task-service',
    localPort: 3002,
    healthPath: '/health/live',
    readinessPath: '/health/ready',
  },
  notification: {
    id: 'notification',
    name: 'notification-service',
    localPort: 3003,
    healthPath: '/health/live',
    readinessPath: '/health/ready',
  },
};

export const routes: readonly RouteDefinition[] = [
  { prefix: '/auth', service: 'user', access: 'public' },
  { prefix: '/users', service: 'user', access: 'jwt' },
  { prefix: '/tasks', service: 'task', access: 'jwt' },
  { prefix: '/notifications', service: 'notification', access: 'jwt' },
];

export const serviceIds: readonly ServiceId[] = ['user', 'task', 'notification'];

/**
 * The variable the local gateway reads a service's base URL from, e.g. `TASK_SERVICE_URL`; the
 * stack sets it, and it defaults to the service's local port.
 */
export function upstreamUrlVariable(service: ServiceId): string {
  return `${services[service].name.toUpperCase().replace(/-/g, '_')}_URL`;
}

/** The route whose prefix matches a request path, on a segment boundary. */
export function routeForPath(path: string): RouteDefinition | undefined {
  const pathname = path.split('?')[0] ?? path;
  return routes.find((r) => pathname === r.prefix || pathname.startsWith(`${r.prefix}/`));
}

/** ALB path patterns for one service: the prefix itself and everything below it. */
export function albPathPatterns(service: ServiceId): string[] {
  return routes.filter((r) => r.service === service).flatMap((r) => [r.prefix, `${r.prefix}/*`]);
}

/** API Gateway HTTP API route paths (`ANY` method) for one route. */
export function apiGatewayPaths(route: RouteDefinition): string[] {
  return [route.prefix, `${route.prefix}/{proxy+}`];
}
