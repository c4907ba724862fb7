import { services } from '@taskmgr/route-table';
import type { DemoLogin } from './demo-user';
import type { RunningStack } from './stack';

const COLUMN = 22;

function row(label: string, value: string): string {
  return `  ${label.padEnd(COLUMN)} ${value}`;
}

/** What `npm start` prints once everything answers: the gateway first, it is the API. */
export function formatReadyBanner(
  stack: RunningStack,
  demo: DemoLogin | undefined,
  demoProblem: string | undefined,
): string {
  const { urls, engineEnv } = stack;
  const lines = [
    '',
    'The local stack is ready.',
    '',
    row('API (gateway)', urls.gateway),
    row('API docs', urls.docs),
    row('web app', urls.web ?? '(not started: --no-web)'),
    ...stack.serviceIds.map((id) =>
      row(
        services[id].name,
        `${urls.services[id]}  (health: ${services[id].readinessPath}, docs: /docs${id === 'notification' ? ', dev outbox: /dev/outbox' : ''})`,
      ),
    ),
    row('DynamoDB Local', urls.dynamo),
    row(
      'cognito-local',
      `${urls.cognito}  (pool ${engineEnv.COGNITO_USER_POOL_ID}, client ${engineEnv.COGNITO_CLIENT_ID})`,
    ),
    row('data', stack.dataDir ?? '(throw-away)'),
    '',
  ];
  if (demo) {
    lines.push(
      `Demo login (${demo.state === 'created' ? 'created now' : 'from an earlier run'}): ${demo.email} / ${demo.password}`,
      `  curl -s ${urls.gateway}/auth/login -H 'content-type: application/json' \\`,
      `    -d '{"email":"${demo.email}","password":"${demo.password}"}'`,
    );
  } else {
    lines.push(`Demo login unavailable: ${demoProblem ?? 'unknown error'}`);
  }
  lines.push('', 'Ctrl-C stops everything.');
  return lines.join('\n');
}
