import type { ServiceApp } from '@taskmgr/service-kit';
import { buildExampleApp } from '../support/example-app';

let app: ServiceApp;

beforeAll(async () => {
  ({ app } = await buildExampleApp());
});

afterAll(() => app.close());

const valid = { title: 'Write tests', email: 'ada@example.com' };

function post(body: unknown, query = '') {
  return app.inject({ method: 'POST', url: `/examples${query}`, payload: body as object });
}

describe('request validation', () => {
  it('accepts a valid body and coerces query strings to their declared types', async () => {
    const res = await post(valid, '?limit=5');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ title: 'Write tests', limit: 5, limitType: 'number' });
  });

  it.each([
    ['missing', 'title', 'is required', { email: 'ada@example.com' }],
    ['wrong type', 'title', 'must be string', { ...valid, title: 123 }],
    [
      'too long',
      'title',
      'must NOT have more than 20 characters',
      { ...valid, title: 'x'.repeat(21) },
    ],
    ['unknown field', 'priority', 'is not an allowed property', { ...valid, priority: 'high' }],
    ['bad format', 'email', 'must match format "email"', { ...valid, email: 'not-an-email' }],
    ['not in the union', 'status', 'must be one of: pending, done', { ...valid, status: 'x' }],
    [
      'nested wrong type',
      'notificationPreferences.sms',
      'must be boolean',
      { ...valid, notificationPreferences: { email: true, sms: 'yes' } },
    ],
    [
      'nested missing',
      'notificationPreferences.sms',
      'is required',
      { ...valid, notificationPreferences: { email: true } },
    ],
    [
      'array item',
      'tags[1]',
      'must NOT have more than 5 characters',
      { ...valid, tags: ['ok', 'far-too-long'] },
    ],
  ])('%s → 400 problem+json naming %s', async (_case, field, message, body) => {
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ status: 400, title: 'Bad Request', type: expect.any(String) });
    expect(problem.detail).toContain(field);
    expect(problem.errors).toEqual([{ field, in: 'body', message }]);
  });

  it("words a failed pattern with the schema's own message, else Ajv's", async () => {
    const res = await post({ ...valid, code: 'ab-12' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'code', in: 'body', message: 'must be letters and digits only' },
    ]);
    const plain = await post({ ...valid, sku: 'x' });
    expect(plain.json().errors).toEqual([
      { field: 'sku', in: 'body', message: 'must match pattern "^[0-9]+$"' },
    ]);
  });

  it('reports every bad field at once', async () => {
    const res = await post({ title: '', email: 'nope', extra: 1 });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'email', 'extra']));
    expect(fields).toHaveLength(3);
  });

  it('never coerces body types: a number title is rejected, not turned into "123"', async () => {
    const res = await post({ ...valid, title: 123 });
    expect(res.statusCode).toBe(400);
    const boolRes = await post({ ...valid, notificationPreferences: { email: 'true', sms: 0 } });
    expect(boolRes.json().errors).toHaveLength(2);
  });

  it('names query string fields with in=querystring', async () => {
    const res = await post(valid, '?limit=abc&verbose=1');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'limit', in: 'querystring', message: 'must be integer' },
        { field: 'verbose', in: 'querystring', message: 'is not an allowed property' },
      ]),
    );
  });

  it('rejects a body that is not an object, naming the root', async () => {
    const res = await post([1, 2]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: '(root)', in: 'body', message: 'must be object' }]);
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/examples',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": "x", "password": "hunter2"',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, detail: 'The request body is not valid JSON' });
    expect(res.body).not.toContain('hunter2');
  });

  it('answers an empty JSON body with 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/examples',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(400);
  });

  it.each([
    ['text/plain', 'title=x'],
    ['application/x-www-form-urlencoded', 'title=x'],
    ['application/xml', '<title>x</title>'],
  ])('answers %s with 415', async (contentType, payload) => {
    const res = await app.inject({
      method: 'POST',
      url: '/examples',
      headers: { 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
  });

  it('answers a body over BODY_LIMIT_BYTES with 413', async () => {
    const res = await post({ ...valid, title: 'x'.repeat(4096) });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });
});
