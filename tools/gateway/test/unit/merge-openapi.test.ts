import { services } from '@taskmgr/route-table';
import { mergeOpenApi, type OpenApiDocument } from '../../src/docs/merge-openapi';

const problemSchema = (service: string) => ({
  type: 'object',
  properties: { status: { type: 'integer' }, service: { const: service } },
});

function serviceDocument(
  paths: Record<string, Record<string, unknown>>,
  extra: Partial<OpenApiDocument> = {},
): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 'svc', version: '1' },
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      ...extra.components,
    },
    tags: extra.tags ?? [],
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const user = serviceDocument(
  {
    '/auth/login': { post: { tags: ['auth'], responses: { 400: { content: ref('Problem') } } } },
    '/users/me': { get: { tags: ['users'], responses: { 200: { content: ref('Profile') } } } },
    '/health/ready': { get: { tags: ['health'] } },
    '/docs/json': { get: {} },
  },
  {
    components: { schemas: { Problem: problemSchema('user'), Profile: { type: 'object' } } },
    tags: [
      { name: 'auth', description: 'Public' },
      { name: 'users', description: 'Me' },
      { name: 'health', description: 'Probes' },
    ],
  },
);

const task = serviceDocument(
  {
    '/tasks/{taskId}': {
      get: { tags: ['tasks'], security: [{ bearerAuth: [] }], responses: { 404: ref('Problem') } },
    },
    '/auth/sneaky': { get: {} },
  },
  {
    components: { schemas: { Problem: problemSchema('task'), Shared: { type: 'string' } } },
    tags: [{ name: 'tasks', description: 'Tasks' }],
  },
);

const notification = serviceDocument(
  {
    '/notifications': { get: { responses: {} } },
    '/dev/outbox': { get: { tags: ['dev'] } },
  },
  { components: { schemas: { Shared: { type: 'string' } } } },
);

const merged = mergeOpenApi(
  [
    { service: services.user, document: user },
    { service: services.task, document: task },
    { service: services.notification, document: notification },
  ],
  { title: 'API', version: '9', description: 'All of it' },
);

describe('mergeOpenApi', () => {
  test('keeps only the paths the route table sends to the service that documents them', () => {
    expect(Object.keys(merged.paths ?? {})).toEqual([
      '/auth/login',
      '/users/me',
      '/tasks/{taskId}',
      '/notifications',
    ]);
  });

  test('security follows the route table: public routes none, the rest the one bearer scheme', () => {
    const paths = merged.paths ?? {};
    expect(paths['/auth/login']?.post).toMatchObject({ security: [] });
    expect(paths['/users/me']?.get).toMatchObject({ security: [{ bearerAuth: [] }] });
    expect(paths['/notifications']?.get).toMatchObject({ security: [{ bearerAuth: [] }] });
    expect(merged.components?.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
  });

  test('a component two services define differently is prefixed per service, refs follow', () => {
    const schemas = merged.components?.schemas ?? {};
    expect(Object.keys(schemas).sort()).toEqual([
      'Profile',
      'Shared',
      'task.Problem',
      'user.Problem',
    ]);
    expect(schemas['user.Problem']).toEqual(problemSchema('user'));
    const paths = merged.paths ?? {};
    expect(JSON.stringify(paths['/auth/login'])).toContain('#/components/schemas/user.Problem');
    expect(JSON.stringify(paths['/tasks/{taskId}'])).toContain('#/components/schemas/task.Problem');
    expect(JSON.stringify(paths['/users/me'])).toContain('#/components/schemas/Profile');
  });

  test('tags: the used ones with their descriptions, untagged operations under the service', () => {
    expect(merged.tags).toEqual([
      { name: 'auth', description: 'Public' },
      { name: 'users', description: 'Me' },
      { name: 'tasks', description: 'Tasks' },
      { name: 'notification-service', description: 'notification-service' },
    ]);
    expect(merged['x-tagGroups']).toEqual([
      { name: 'user-service', tags: ['auth', 'users'] },
      { name: 'task-service', tags: ['tasks'] },
      { name: 'notification-service', tags: ['notification-service'] },
    ]);
  });

  test('names the services it could not reach', () => {
    const partial = mergeOpenApi([{ service: services.user, document: user }], {
      title: 'API',
      version: '1',
      description: 'All of it',
      unavailable: ['task-service', 'notification-service'],
    });
    expect(partial.info.description).toContain('task-service, notification-service');
    expect(Object.keys(partial.paths ?? {})).toEqual(['/auth/login', '/users/me']);
  });

  test('does not change the documents it was given', () => {
    expect(user.paths?.['/auth/login']).toEqual({
      post: { tags: ['auth'], responses: { 400: { content: ref('Problem') } } },
    });
  });
});
