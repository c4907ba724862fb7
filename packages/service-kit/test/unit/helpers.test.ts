import {
  errorResponses,
  HttpProblem,
  keyFromBodyField,
  PROBLEM_CONTENT_TYPE,
  ProblemSchema,
  redactUrl,
  routeRateLimit,
  toFieldErrors,
  ValidationProblemSchema,
} from '@taskmgr/service-kit';
import type { FastifyRequest } from 'fastify';

describe('toFieldErrors', () => {
  it('unescapes JSON pointer segments and names the root', () => {
    expect(
      toFieldErrors(
        [
          {
            keyword: 'type',
            instancePath: '/a~1b/c~0d',
            schemaPath: '#/x',
            params: {},
            message: 'm',
          },
          {
            keyword: 'type',
            instancePath: '',
            schemaPath: '#/type',
            params: {},
            message: 'must be object',
          },
        ],
        'body',
      ),
    ).toEqual([
      { field: 'a/b.c~d', in: 'body', message: 'm' },
      { field: '(root)', in: 'body', message: 'must be object' },
    ]);
  });
});

describe('redactUrl', () => {
  it('masks sensitive query parameters only', () => {
    expect(redactUrl('/a?code=123&limit=5&accessToken=x&password')).toBe(
      '/a?code=[Redacted]&limit=5&accessToken=[Redacted]&password=[Redacted]',
    );
    expect(redactUrl('/plain')).toBe('/plain');
  });
});

describe('HttpProblem', () => {
  it('uses the standard title and keeps extension members', () => {
    const problem = HttpProblem.of(409, 'Already there', { code: 'X' });
    expect(problem.statusCode).toBe(409);
    expect(problem.toProblem('/tasks/1')).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'Already there',
      code: 'X',
      instance: '/tasks/1',
    });
  });
});

describe('errorResponses', () => {
  it('declares problem+json for each status plus 500, validation shape for 400', () => {
    const responses = errorResponses(400, 404);
    expect(Object.keys(responses).sort()).toEqual(['400', '404', '500']);
    expect(responses[400].content[PROBLEM_CONTENT_TYPE].schema).toBe(ValidationProblemSchema);
    expect(responses[404].content[PROBLEM_CONTENT_TYPE].schema).toBe(ProblemSchema);
  });
});

describe('routeRateLimit', () => {
  it('keys by IP before parsing, or by a body field after validation', () => {
    expect(routeRateLimit({ max: 5, timeWindow: '1 minute' })).toEqual({
      max: 5,
      timeWindow: '1 minute',
    });
    const byEmail = routeRateLimit({ max: 5, timeWindow: 1000, key: keyFromBodyField('email') });
    expect(byEmail.hook).toBe('preHandler');
    const key = keyFromBodyField('email');
    expect(key({ body: { email: ' Ada@Example.com ' }, ip: '1.2.3.4' } as FastifyRequest)).toBe(
      'email:ada@example.com',
    );
    expect(key({ body: {}, ip: '1.2.3.4' } as FastifyRequest)).toBe('ip:1.2.3.4');
  });
});
