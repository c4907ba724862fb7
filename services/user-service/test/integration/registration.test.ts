import { randomUUID } from 'node:crypto';
import { createDynamoClients, ProfileRepository } from '@taskmgr/dynamo';
import { CognitoAdmin } from '../support/cognito-admin';
import { itemsForEmail, itemsOfUser } from '../support/table-items';
import {
  bearer,
  buildTestApp,
  GOOD_PASSWORD,
  registration,
  type TestApp,
  uniqueEmail,
  useTestApp,
} from '../support/test-app';

const { table, subject } = useTestApp('user-registration');
let profiles: ProfileRepository;
const admin = new CognitoAdmin();

beforeAll(() => {
  profiles = new ProfileRepository(table);
});

afterAll(() => admin.destroy());

function post(url: string, payload: object, app = subject.app) {
  return app.inject({ method: 'POST', url, payload });
}

describe('registration with auto-confirm', () => {
  test('20 parallel registrations of one email: one 201, nineteen 409, one account', async () => {
    const email = uniqueEmail('race');
    const variants = [
      email,
      ` ${email.toUpperCase()}`,
      `${email}\t`,
      email.replace('race', 'RACE'),
    ];
    const passwords = Array.from({ length: 20 }, (_, i) => `Racer-${i}-Passw0rd`);
    const responses = await Promise.all(
      passwords.map((password, i) =>
        post('/auth/register', registration(variants[i % variants.length] ?? email, { password })),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const loser of responses.filter((r) => r.statusCode === 409)) {
      expect(loser.json()).toMatchObject({ type: 'urn:problem:email-taken', status: 409 });
    }

    const { profiles: stored, guards } = await itemsForEmail(table, email);
    expect(stored).toHaveLength(1);
    expect(guards).toHaveLength(1);
    expect(guards[0]?.UserId).toBe(stored[0]?.UserId);
    const accounts = await admin.usersWithEmail(email);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.Username).toBe(stored[0]?.UserId);

    // Only the winner's password opens the one account.
    const winner = statuses.indexOf(201);
    const logins = await Promise.all(
      passwords.map((password) => post('/auth/login', { email, password })),
    );
    expect(logins.map((r) => r.statusCode)).toEqual(
      passwords.map((_, i) => (i === winner ? 200 : 401)),
    );
  });

  test('the email is trimmed and lower-cased once, for Cognito, the profile and the guard', async () => {
    const email = uniqueEmail('case');
    const res = await post('/auth/register', registration(`  ${email.toUpperCase()} `));
    expect(res.statusCode).toBe(201);
    const { profiles: stored, guards } = await itemsForEmail(table, email);
    expect(stored).toHaveLength(1);
    expect(guards).toHaveLength(1);
    expect((await admin.usersWithEmail(email)).length).toBe(1);
    expect(
      (await post('/auth/login', { email: ` ${email} `, password: GOOD_PASSWORD })).statusCode,
    ).toBe(200);
    expect((await post('/auth/register', registration(email.toUpperCase()))).statusCode).toBe(409);
  });

  test.each([
    ['too short', 'Sh0rt'],
    ['no upper-case letter', 'lowercase-only-9'],
    ['no lower-case letter', 'UPPERCASE-ONLY-9'],
    ['no number', 'No-Numbers-Here'],
    ['a leading space', ' Leading-Space-9'],
  ])(
    'a password with %s is a 400 naming the policy; no account is made',
    async (_case, password) => {
      const email = uniqueEmail('weak');
      const res = await post('/auth/register', registration(email, { password }));
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem.detail).toContain(
        'at least 8 characters, with an upper-case letter, a lower-case letter and a number',
      );
      expect(problem.errors).toEqual([
        {
          field: 'password',
          in: 'body',
          message: expect.stringContaining('at least 8 characters'),
        },
      ]);
      expect(await admin.usersWithEmail(email)).toHaveLength(0);
      expect(res.body).not.toContain(password.trim());
    },
  );

  test('login: an unknown email and a wrong password get the same 401', async () => {
    const email = uniqueEmail('creds');
    expect((await post('/auth/register', registration(email))).statusCode).toBe(201);
    const wrongPassword = await post('/auth/login', { email, password: 'Wrong-Passw0rd' });
    const unknownEmail = await post('/auth/login', {
      email: uniqueEmail('nobody'),
      password: GOOD_PASSWORD,
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    const { instance: _a, ...wrong } = wrongPassword.json();
    const { instance: _b, ...unknown } = unknownEmail.json();
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ type: 'urn:problem:invalid-credentials' });
  });
});

describe('registration with an emailed code', () => {
  let confirming: TestApp;

  beforeAll(async () => {
    confirming = await buildTestApp(table, { AUTO_CONFIRM_SIGNUP: 'false' });
  });
  afterAll(() => confirming.app.close());

  test('202 → login 403 → wrong code 400 → right code 204 → login 200', async () => {
    const email = uniqueEmail('confirm');
    const registered = await post('/auth/register', registration(email), confirming.app);
    expect(registered.statusCode).toBe(202);
    expect(registered.json()).toMatchObject({
      confirmationRequired: true,
      deliveryMedium: 'EMAIL',
    });
    expect((await itemsForEmail(table, email)).profiles).toHaveLength(1);

    const early = await post('/auth/login', { email, password: GOOD_PASSWORD }, confirming.app);
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ type: 'urn:problem:account-not-confirmed' });

    const code = await admin.confirmationCode(email);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const mismatch = await post('/auth/confirm', { email, code: wrongCode }, confirming.app);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors).toEqual([
      { field: 'code', in: 'body', message: 'is incorrect or already used' },
    ]);

    const confirmed = await post(
      '/auth/confirm',
      { email: email.toUpperCase(), code },
      confirming.app,
    );
    expect(confirmed.statusCode).toBe(204);
    expect(
      (await post('/auth/login', { email, password: GOOD_PASSWORD }, confirming.app)).statusCode,
    ).toBe(200);

    // cognito-local reports a used code as expired.
    const reused = await post('/auth/confirm', { email, code }, confirming.app);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().errors[0].field).toBe('code');
  });

  test('a registration never confirmed within UNCONFIRMED_SIGNUP_TTL_MS gives its email up', async () => {
    const expiring = await buildTestApp(table, {
      AUTO_CONFIRM_SIGNUP: 'false',
      UNCONFIRMED_SIGNUP_TTL_MS: '0',
    });
    try {
      const email = uniqueEmail('abandoned');
      expect((await post('/auth/register', registration(email), expiring.app)).statusCode).toBe(
        202,
      );
      const [first] = await admin.usersWithEmail(email);
      const again = await post(
        '/auth/register',
        registration(email, { password: 'Second-Try-Passw0rd' }),
        expiring.app,
      );
      expect(again.statusCode).toBe(202);
      const accounts = await admin.usersWithEmail(email);
      expect(accounts).toHaveLength(1);
      expect(accounts[0]?.Username).not.toBe(first?.Username);
      const { profiles: stored, guards } = await itemsForEmail(table, email);
      expect(stored.map((p) => p.UserId)).toEqual([accounts[0]?.Username]);
      expect(guards.map((g) => g.UserId)).toEqual([accounts[0]?.Username]);
    } finally {
      await expiring.app.close();
    }
  });
});

describe('a registration that failed half-way never blocks its email for good', () => {
  test('a Cognito account with no profile blocks within the grace period, then is replaced', async () => {
    const email = uniqueEmail('orphan');
    const orphan = await admin.signUpOnly(email, 'Old-Orphan-Passw0rd');
    expect((await post('/auth/register', registration(email))).statusCode).toBe(409);

    const graceless = await buildTestApp(table, { SIGNUP_ORPHAN_GRACE_MS: '0' });
    try {
      const res = await post('/auth/register', registration(email), graceless.app);
      expect(res.statusCode).toBe(201);
      expect(await admin.exists(orphan)).toBe(false);
      const accounts = await admin.usersWithEmail(email);
      expect(accounts).toHaveLength(1);
      const { profiles: stored } = await itemsForEmail(table, email);
      expect(stored.map((p) => p.UserId)).toEqual([accounts[0]?.Username]);
    } finally {
      await graceless.app.close();
    }
  });

  test('a guard whose Cognito account no longer exists is cleared', async () => {
    const email = uniqueEmail('stale');
    const ghost = randomUUID();
    await profiles.create({ userId: ghost, email, firstName: 'Old', lastName: 'Ghost' });
    const res = await post('/auth/register', registration(email));
    expect(res.statusCode).toBe(201);
    expect(await itemsOfUser(table, ghost)).toHaveLength(0);
    const { profiles: stored, guards } = await itemsForEmail(table, email);
    expect(stored).toHaveLength(1);
    expect(guards[0]?.UserId).toBe(stored[0]?.UserId);
  });

  test('stopped between the profile and the confirmation: the next login finishes it', async () => {
    const email = uniqueEmail('unconfirmed');
    const userId = await admin.signUpOnly(email, GOOD_PASSWORD);
    await profiles.create({ userId, email, firstName: 'Half', lastName: 'Done' });
    expect((await post('/auth/register', registration(email))).statusCode).toBe(409);

    const login = await post('/auth/login', { email, password: GOOD_PASSWORD });
    expect(login.statusCode).toBe(200);
    const me = await subject.app.inject({
      method: 'GET',
      url: '/users/me',
      headers: bearer(login.json().accessToken),
    });
    expect(me.json()).toMatchObject({ userId, firstName: 'Half', lastName: 'Done' });
  });

  test('when the profile cannot be written, the Cognito account is deleted again', async () => {
    const email = uniqueEmail('undo');
    const missingTable = createDynamoClients({
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
      DYNAMODB_TABLE_NAME: `missing-${randomUUID().slice(0, 8)}`,
    });
    const broken = await buildTestApp(table, {}, { dynamo: missingTable });
    try {
      const res = await post('/auth/register', registration(email), broken.app);
      expect(res.statusCode).toBe(500);
      expect(res.json().detail).toBe('The server failed to complete the request');
      expect(await admin.usersWithEmail(email)).toHaveLength(0);
    } finally {
      await broken.app.close();
      missingTable.client.destroy();
    }
    expect((await post('/auth/register', registration(email))).statusCode).toBe(201);
  });
});

describe('when Cognito cannot be reached', () => {
  test('502 without internals for the client, the cause in the log', async () => {
    const unreachable = await buildTestApp(table, { COGNITO_ENDPOINT: 'http://127.0.0.1:9' });
    try {
      const email = uniqueEmail('unreachable');
      const res = await post('/auth/register', registration(email), unreachable.app);
      expect(res.statusCode).toBe(502);
      expect(res.json()).toMatchObject({
        status: 502,
        detail: 'The identity provider could not complete the request',
      });
      expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:9|stack/);
      const failure = unreachable.logs.entries().find((e) => e.msg === 'upstream call failed');
      expect(JSON.stringify(failure?.err)).toContain('ECONNREFUSED');
      expect((await itemsForEmail(table, email)).profiles).toHaveLength(0);
    } finally {
      await unreachable.app.close();
    }
  });
});
