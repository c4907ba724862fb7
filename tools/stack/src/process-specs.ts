/** How each process of the stack is started: command, arguments and environment. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalEngines } from '@taskmgr/local-engines';
import { type ServiceId, serviceIds, services, upstreamUrlVariable } from '@taskmgr/route-table';
import type { ProcessSpec } from './supervisor';

export const repoRoot = join(__dirname, '..', '..', '..');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

export const GATEWAY_PROCESS = 'gateway';
export const WEB_PROCESS = 'web';
export const DUE_REMINDER_JOB_PROCESS = 'due-reminders';

export interface StackPorts {
  gateway: number;
  user: number;
  task: number;
  notification: number;
  web: number;
  dynamo: number;
  cognito: number;
}

export interface ServiceEnvOptions {
  engines: LocalEngines;
  ports: StackPorts;
  cursorSecret: string;
  logLevel: string;
  reminderIntervalSeconds: number;
  extraEnv?: Partial<Record<ServiceId, Record<string, string>>>;
}

export function serviceUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The environment one service runs with: engines, its port, and the local-only switches. */
export function serviceEnv(id: ServiceId, options: ServiceEnvOptions): Record<string, string> {
  const webOrigins = [
    `http://localhost:${options.ports.web}`,
    `http://127.0.0.1:${options.ports.web}`,
  ];
  const own: Record<string, string> =
    id === 'user'
      ? { AUTO_CONFIRM_SIGNUP: 'true' }
      : id === 'notification'
        ? {
            DELIVERY_MODE: 'local',
            REMINDER_INTERVAL_SECONDS: String(options.reminderIntervalSeconds),
            COMPLETION_POLL_INTERVAL_MS: '1000',
          }
        : {};
  return {
    ...options.engines.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(options.ports[id]),
    LOG_LEVEL: options.logLevel,
    CURSOR_SECRET: options.cursorSecret,
    // Clients reach the services through the gateway: trust its one X-Forwarded-For entry, so
    // the per-IP rate limits count clients rather than the gateway.
    TRUST_PROXY_HOPS: '1',
    CORS_ORIGINS: webOrigins.join(','),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...own,
    ...options.extraEnv?.[id],
  };
}

export function serviceSpec(id: ServiceId, env: Record<string, string>): ProcessSpec {
  return {
    name: services[id].name,
    command: tsx,
    args: [join('services', services[id].name, 'src', 'server.ts')],
    cwd: repoRoot,
    env,
  };
}

/** The one-shot due-reminder run, with the notification service's own environment. */
export function dueReminderJobSpec(notificationEnv: Record<string, string>): ProcessSpec {
  return {
    name: DUE_REMINDER_JOB_PROCESS,
    command: tsx,
    args: [join('services', services.notification.name, 'src', 'jobs', 'due-reminders.ts')],
    cwd: repoRoot,
    env: notificationEnv,
  };
}

export function gatewaySpec(ports: StackPorts, logLevel: string): ProcessSpec {
  const upstreams = Object.fromEntries(
    serviceIds.map((id) => [upstreamUrlVariable(id), serviceUrl(ports[id])]),
  );
  return {
    name: GATEWAY_PROCESS,
    command: tsx,
    args: [join('tools', 'gateway', 'src', 'server.ts')],
    cwd: repoRoot,
    env: {
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(ports.gateway),
      LOG_LEVEL: logLevel,
      ...upstreams,
    },
  };
}

/** Services whose entry exists: a fresh checkout mid-way through a change may lack one. */
export function presentServices(): ServiceId[] {
  return serviceIds.filter((id) =>
    existsSync(join(repoRoot, 'services', services[id].name, 'src', 'server.ts')),
  );
}

/**
 * How the web app runs: `dev` is `next dev` (hot reload, what `npm start` runs); `static` serves
 * the static export already built in web/out with tools/static-host, the server the web image
 * runs (what the browser tests drive).
 */
export type WebMode = 'dev' | 'static';

const WEB_SCRIPTS: Record<WebMode, string> = { dev: 'dev', static: 'serve' };

/**
 * The hook for the web app (`npm run dev`, or `npm run serve` for the static export, in web/).
 * It gets PORT and HOST (not HOSTNAME, which shells and containers set to the machine's name),
 * and the gateway's URL as API_BASE_URL and NEXT_PUBLIC_API_BASE_URL (what the browser bundle
 * can read; a static export has it baked in when it is built).
 */
export function webSpec(ports: StackPorts, gatewayUrl: string, mode: WebMode = 'dev'): ProcessSpec {
  return {
    name: WEB_PROCESS,
    command: 'npm',
    args: ['run', '--silent', WEB_SCRIPTS[mode]],
    cwd: join(repoRoot, 'web'),
    env: {
      PORT: String(ports.web),
      HOST: '127.0.0.1',
      API_BASE_URL: gatewayUrl,
      NEXT_PUBLIC_API_BASE_URL: gatewayUrl,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  };
}
