import type { ServiceApp } from '@taskmgr/service-kit';
import { buildExampleApp, type CapturedLogs } from '../support/example-app';

let app: ServiceApp;
let logs: CapturedLogs;

beforeAll(async () => {
  ({ app, logs } = await buildExampleApp({ domainErrorStatus: { QUOTA_EXCEEDED: 422 } }));
});

afterAll(() => app.close());

const PROBLEM_JSON = /^application\/problem\+json/;

describe('central error handler', () => {
  it('answers an unknown route with 404 problem+json naming the method and path', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/nowhere/42?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No route for DELETE /nowhere/42',
      instance: '/nowhere/42',
    });
  });

  it('answers a thrown Error with a generic 500 and logs the real error with the request id', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/boom',
      headers: { 'x-request-id': 'boom-1' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server failed to complete the request',
      instance: '/boom',
    });
    expect(res.body).not.toMatch(/hunter2|postgres|stack|at /);

    const logged = logs.entries().find((e) => e.msg === 'request failed');
    expect(logged).toMatchObject({ level: 'error', reqId: 'boom-1' });
    expect(JSON.stringify(logged)).toContain('connection string');
  });

  it.each([
    ['NOT_FOUND', 404, 'Not Found'],
    ['EMAIL_TAKEN', 409, 'Conflict'],
    ['VERSION_CONFLICT', 409, 'Conflict'],
    ['INVALID_CURSOR', 400, 'Bad Request'],
    ['ALREADY_EXISTS', 409, 'Conflict'],
    ['QUOTA_EXCEEDED', 422, 'Unprocessable Entity'],
  ])('maps domain error code %s to %i', async (code, status, title) => {
    const res = await app.inject({ method: 'GET', url: `/domain/${code}` });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.json()).toMatchObject({ status, title, code, detail: `domain failure ${code}` });
  });

  it('treats an unknown error code as an internal error', async () => {
    const res = await app.inject({ method: 'GET', url: '/domain/ECONNRESET' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).not.toHaveProperty('code');
    expect(res.json().detail).not.toContain('domain failure');
  });

  it('lets a route turn VERSION_CONFLICT into 412 when If-Match was sent', async () => {
    const plain = await app.inject({ method: 'PATCH', url: '/versioned' });
    expect(plain.statusCode).toBe(409);
    const conditional = await app.inject({
      method: 'PATCH',
      url: '/versioned',
      headers: { 'if-match': '"3"' },
    });
    expect(conditional.statusCode).toBe(412);
    expect(conditional.json()).toMatchObject({
      title: 'Precondition Failed',
      code: 'VERSION_CONFLICT',
    });
  });

  it('passes an HttpProblem through with its extension members and headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/problem' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['x-extra']).toBe('yes');
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The due date is in the past',
      code: 'DUE_DATE_PAST',
      instance: '/problem',
    });
  });

  it('keeps the authored detail of a 5xx HttpProblem', async () => {
    const res = await app.inject({ method: 'GET', url: '/problem-5xx' });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ title: 'Bad Gateway', detail: 'Cognito did not answer' });
  });

  it('answers a malformed URL with 400 problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: '/domain/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });
});
