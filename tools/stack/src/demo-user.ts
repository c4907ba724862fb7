/**
 * The demo login `npm start` prints, created through the gateway like any client would: register,
 * or log in when the account exists from an earlier run (the data is kept).
 */
export const DEMO_USER = {
  email: 'demo@example.com',
  password: 'DemoPassw0rd',
  firstName: 'Demo',
  lastName: 'User',
} as const;

export interface DemoLogin {
  email: string;
  password: string;
  /** `created` on the first run, `existing` afterwards. */
  state: 'created' | 'existing';
  accessToken: string;
}

async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
}

async function accessTokenOf(response: Response): Promise<string> {
  const body: unknown = await response.json();
  if (typeof body === 'object' && body !== null && 'accessToken' in body) {
    if (typeof body.accessToken === 'string') return body.accessToken;
  }
  throw new Error('the answer carries no access token');
}

async function failure(step: string, response: Response): Promise<Error> {
  const text = await response.text();
  return new Error(`${step} answered ${response.status}: ${text.slice(0, 300)}`);
}

export async function ensureDemoUser(gatewayUrl: string): Promise<DemoLogin> {
  const registered = await postJson(`${gatewayUrl}/auth/register`, DEMO_USER);
  if (registered.status === 201) {
    return { ...DEMO_USER, state: 'created', accessToken: await accessTokenOf(registered) };
  }
  if (registered.status !== 409) throw await failure('POST /auth/register', registered);
  const login = await postJson(`${gatewayUrl}/auth/login`, {
    email: DEMO_USER.email,
    password: DEMO_USER.password,
  });
  if (login.status !== 200) throw await failure('POST /auth/login', login);
  return { ...DEMO_USER, state: 'existing', accessToken: await accessTokenOf(login) };
}

const HOUR_MS = 3_600_000;

/**
 * A handful of tasks for the demo user, so the app shows every status and due-date state; only
 * when the user has none, so repeated `--seed` runs do not pile them up.
 */
export async function seedDemoTasks(gatewayUrl: string, accessToken: string): Promise<number> {
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const existing = await fetch(`${gatewayUrl}/tasks?limit=1`, {
    headers,
    signal: AbortSignal.timeout(15_000),
  });
  if (!existing.ok) throw await failure('GET /tasks', existing);
  const page: unknown = await existing.json();
  if (typeof page === 'object' && page !== null && 'items' in page && Array.isArray(page.items)) {
    if (page.items.length > 0) return 0;
  }
  const now = Date.now();
  const at = (hours: number) => new Date(now + hours * HOUR_MS).toISOString();
  const tasks = [
    { title: 'Renew the passport', description: 'Overdue on purpose', dueDate: at(-30) },
    { title: 'Call the plumber', dueDate: at(2), status: 'in_progress' },
    { title: 'Send the quarterly report', description: 'Due tomorrow', dueDate: at(26) },
    { title: 'Plan the team offsite', dueDate: at(24 * 6) },
    { title: 'Read the onboarding guide', status: 'completed' },
    { title: 'Someday: learn the cello' },
  ];
  for (const task of tasks) {
    const created = await fetch(`${gatewayUrl}/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify(task),
      signal: AbortSignal.timeout(15_000),
    });
    if (created.status !== 201) throw await failure('POST /tasks', created);
  }
  return tasks.length;
}
