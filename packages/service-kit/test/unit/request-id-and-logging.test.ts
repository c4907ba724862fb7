import {
  censorSecrets,
  createServiceLogger,
  isValidRequestId,
  REDACTED,
  REQUEST_ID_HEADER,
  requestIdHeaders,
} from '@taskmgr/service-kit';
import { buildExampleApp, captureLogs } from '../support/example-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('generates a UUID, echoes it, and logs it on every line of the request', async () => {
    const { app, logs } = await buildExampleApp({}, { LOG_LEVEL: 'debug' });
    const res = await app.inject({ method: 'GET', url: '/slow' });
    const id = res.headers[REQUEST_ID_HEADER];
    expect(id).toMatch(UUID);
    const lines = logs.entries().filter((e) => e.reqId !== undefined);
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    for (const line of lines) expect(line.reqId).toBe(id);
    await app.close();
  });

  it('writes one access line per request at info: method, URL, status and time', async () => {
    const { app, logs } = await buildExampleApp();
    const res = await app.inject({ method: 'GET', url: '/slow' });
    const lines = logs.entries().filter((e) => e.reqId !== undefined);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request completed',
        reqId: res.headers[REQUEST_ID_HEADER],
        req: expect.objectContaining({ method: 'GET', url: '/slow' }),
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
    await app.close();
  });

  it('accepts a well-formed caller id and echoes it, also on errors', async () => {
    const { app } = await buildExampleApp();
    for (const url of ['/slow', '/boom', '/missing']) {
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { 'x-request-id': 'gw:abc-1.2_3' },
      });
      expect(res.headers[REQUEST_ID_HEADER]).toBe('gw:abc-1.2_3');
    }
    await app.close();
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['bad characters', 'abc def'],
    ['log injection', 'abc\\n{"level":"fatal"}'],
    ['empty', ''],
  ])('replaces an invalid caller id (%s) with a UUID', async (_case, value) => {
    const { app } = await buildExampleApp();
    const res = await app.inject({
      method: 'GET',
      url: '/slow',
      headers: { 'x-request-id': value },
    });
    expect(res.headers[REQUEST_ID_HEADER]).toMatch(UUID);
    await app.close();
  });

  it('validates ids up to 128 characters', () => {
    expect(isValidRequestId('a'.repeat(128))).toBe(true);
    expect(isValidRequestId('a'.repeat(129))).toBe(false);
    expect(isValidRequestId(['a', 'b'])).toBe(false);
  });

  it('gives the headers that forward the id on outgoing calls', () => {
    expect(requestIdHeaders({ id: 'req-7' })).toEqual({ 'x-request-id': 'req-7' });
  });
});

describe('log redaction', () => {
  const password = 'Sup3r-Secret-Pa55';
  const accessToken = 'eyJhbGciOiJSUzI1NiJ9.access-token-value';
  const refreshToken = 'refresh-token-value-123';
  const authorization = `Bearer ${accessToken}`;
  const secrets = [password, accessToken, refreshToken, 'confirm-code-999', 'cookie-value-42'];

  function expectNoSecrets(text: string): void {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }

  it('keeps passwords, tokens and authorization out of the log on an ordinary request', async () => {
    const { app, logs } = await buildExampleApp();
    await app.inject({
      method: 'POST',
      url: `/login?token=${refreshToken}`,
      headers: { authorization, cookie: 'session=cookie-value-42' },
      payload: { email: 'ada@example.com', password },
    });
    // And a rejected one, whose validation errors get logged.
    await app.inject({
      method: 'POST',
      url: '/login',
      headers: { authorization },
      payload: { email: 'ada@example.com', password: 'short', accessToken },
    });
    // Two access lines and the validation failure.
    expect(logs.lines.length).toBeGreaterThanOrEqual(3);
    expectNoSecrets(logs.text());
    expect(logs.text()).toContain('token=[Redacted]');
  });

  it('redacts them even when a route logs headers and body outright', async () => {
    const { app, logs } = await buildExampleApp();
    const res = await app.inject({
      method: 'POST',
      url: '/careless',
      headers: {
        authorization,
        cookie: 'session=cookie-value-42',
        'set-cookie': 'sid=cookie-value-42',
      },
      payload: {
        password,
        code: 'confirm-code-999',
        tokens: { accessToken, refreshToken },
        nested: { deeper: { password } },
      },
    });
    expect(res.statusCode).toBe(200);
    const line = logs.entries().find((e) => e.msg === 'careless log line');
    expect(line).toMatchObject({
      headers: { authorization: '[Redacted]', cookie: '[Redacted]', 'set-cookie': '[Redacted]' },
      body: {
        password: '[Redacted]',
        code: '[Redacted]',
        tokens: { accessToken: '[Redacted]', refreshToken: '[Redacted]' },
        nested: { deeper: { password: '[Redacted]' } },
      },
    });
    expectNoSecrets(logs.text());
  });

  it('logs health probes at debug only', async () => {
    const quiet = await buildExampleApp();
    await quiet.app.inject({ method: 'GET', url: '/health/live' });
    expect(quiet.logs.lines).toHaveLength(0);
    await quiet.app.close();

    const verbose = await buildExampleApp({}, { LOG_LEVEL: 'debug' });
    await verbose.app.inject({ method: 'GET', url: '/health/live' });
    const levels = verbose.logs
      .entries()
      .filter((e) => e.reqId)
      .map((e) => e.level);
    expect(levels).toEqual(['debug', 'debug']);
    await verbose.app.close();
  });
});

describe('censorSecrets', () => {
  it('censors sensitive keys at any depth, in arrays too, and leaves the input untouched', () => {
    const input = {
      user: 'ada',
      a: { b: { c: { d: { e: { password: 'p' } } } } },
      list: [{ refreshToken: 'r' }, 'plain'],
      headers: { Authorization: 'Bearer x', 'set-cookie': 'sid=1', accept: 'json' },
    };
    const snapshot = structuredClone(input);
    expect(censorSecrets(input)).toEqual({
      user: 'ada',
      a: { b: { c: { d: { e: { password: REDACTED } } } } },
      list: [{ refreshToken: REDACTED }, 'plain'],
      headers: { Authorization: REDACTED, 'set-cookie': REDACTED, accept: 'json' },
    });
    expect(input).toEqual(snapshot);
  });

  it('returns an object without secrets as it is, without copying', () => {
    const clean = { a: { b: [1, 2, { c: 'd' }] } };
    expect(censorSecrets(clean)).toBe(clean);
  });

  it('keeps an error an error: prototype, message and stack survive', () => {
    const error = Object.assign(new TypeError('bad input'), { Password: 'p', status: 400 });
    const censored = censorSecrets({ error }).error;
    expect(censored).toBeInstanceOf(TypeError);
    expect(censored).toMatchObject({ message: 'bad input', Password: REDACTED, status: 400 });
    expect(censored.stack).toBe(error.stack);
    expect(error.Password).toBe('p');
  });

  it('stops at cycles and leaves buffers, maps and sets alone', () => {
    const cyclic: Record<string, unknown> = { token: 't' };
    cyclic.self = cyclic;
    const censored = censorSecrets(cyclic);
    expect(censored.token).toBe(REDACTED);
    const buffer = Buffer.from('secret');
    expect(censorSecrets({ buffer }).buffer).toBe(buffer);
  });
});

describe('secrets in logged errors', () => {
  /** A service logger whose lines `captureLogs` keeps in memory. */
  function loggerWithCapturedLines() {
    const { lines, destination } = captureLogs();
    const log = createServiceLogger({ name: 'test', version: '0', level: 'info', destination });
    return { lines, log };
  }

  it('censors an error property but keeps its code as errorCode', async () => {
    const { lines, log } = loggerWithCapturedLines();
    const error = Object.assign(new Error('sign-in failed'), {
      code: 'NotAuthorizedException',
      input: { Password: 'Sup3r-Secret-Pa55' },
    });
    log.error({ err: error, accessToken: 'tok-1' }, 'failed');
    const [failed] = lines.map((line) => JSON.parse(line));
    expect(failed).toMatchObject({
      accessToken: REDACTED,
      err: {
        message: 'sign-in failed',
        errorCode: 'NotAuthorizedException',
        input: { Password: REDACTED },
      },
    });
    expect(lines.join('\n')).not.toMatch(/Sup3r|tok-1/);
  });

  it('reduces a plain req object to its safe fields instead of failing on it', () => {
    const { lines, log } = loggerWithCapturedLines();
    log.info({ req: { method: 'GET', headers: { authorization: 'Bearer tok-3' } } }, 'plain');
    expect(JSON.parse(lines[0] ?? '{}').req).toEqual({ method: 'GET' });
    expect(lines.join('\n')).not.toContain('tok-3');
  });
});
