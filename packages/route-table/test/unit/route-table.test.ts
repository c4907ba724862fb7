import {
  albPathPatterns,
  GATEWAY_PORT,
  routeForPath,
  routes,
  serviceIds,
  services,
  upstreamUrlVariable,
} from '@taskmgr/route-table';

describe('route table', () => {
  test.each([
    ['/auth/login', 'user'],
    ['/users/me', 'user'],
    ['/tasks', 'task'],
    ['/tasks/01J0?x=1', 'task'],
    ['/notifications/unread-count', 'notification'],
  ])('%s goes to the %s service', (path, service) => {
    expect(routeForPath(path)?.service).toBe(service);
  });

  test('prefixes match on segment boundaries only', () => {
    expect(routeForPath('/tasksx')).toBeUndefined();
    expect(routeForPath('/')).toBeUndefined();
  });

  test('only the auth routes are public', () => {
    expect(routes.filter((r) => r.access === 'public').map((r) => r.prefix)).toEqual(['/auth']);
  });

  test('ALB patterns cover each prefix and what is below it', () => {
    expect(albPathPatterns('user')).toEqual(['/auth', '/auth/*', '/users', '/users/*']);
  });

  test('each service and the gateway have a distinct local port', () => {
    const ports = [...Object.values(services).map((s) => s.localPort), GATEWAY_PORT];
    expect(new Set(ports).size).toBe(ports.length);
  });

  test('serviceIds lists every service once, and every route targets one of them', () => {
    expect([...serviceIds].sort()).toEqual(Object.keys(services).sort());
    for (const route of routes) expect(serviceIds).toContain(route.service);
  });

  test('the gateway reads each upstream from a variable named after the service', () => {
    expect(serviceIds.map(upstreamUrlVariable)).toEqual([
      'USER_SERVICE_URL',
      'TASK_SERVICE_URL',
      'NOTIFICATION_SERVICE_URL',
    ]);
  });
});
