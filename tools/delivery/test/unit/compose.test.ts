import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BaseServiceConfigSchema } from '@taskmgr/service-kit';
import { serviceEnvironment, UNSET_ON_AWS } from '../../../../infra/lib/env-contract';
import { NotificationServiceConfigSchema } from '../../../../services/notification-service/src/config';
import { TaskServiceEnvSchema } from '../../../../services/task-service/src/config';
import { UserServiceEnvSchema } from '../../../../services/user-service/src/config';
import { GatewayConfigSchema } from '../../../gateway/src/config';
import { StaticHostConfigSchema } from '../../../static-host/src/config';
import {
  COGNITO_ENV_FILE_VARIABLES,
  type ComposeServiceName,
  HARDENING_EXCEPTIONS,
  LOCAL_ONLY_ENV,
  SDK_ENV_NAMES,
} from '../../src/env-contract';
import { deployableImages, localOnlyImages } from '../../src/images';
import { repoRoot } from '../../src/settings';
import { loadCompose, oneShotServices } from '../support/compose';
import { argsOf, execForm, instructionsOf, parseDockerfile } from '../support/dockerfile';

const compose = loadCompose(join(repoRoot, 'docker-compose.yml'));
const oneShots = oneShotServices(compose);
const longRunning = Object.keys(compose.services).filter((name) => !oneShots.has(name));

/** The part of a TypeBox object schema these checks read. */
interface TObject {
  readonly properties: Record<string, unknown>;
  readonly required?: string[];
}

/** The schema each service validates its environment against (the kit's base plus its own). */
const serviceSchemas: Record<ComposeServiceName, TObject[]> = {
  'user-service': [BaseServiceConfigSchema, UserServiceEnvSchema],
  'task-service': [BaseServiceConfigSchema, TaskServiceEnvSchema],
  'notification-service': [BaseServiceConfigSchema, NotificationServiceConfigSchema],
};

function schemaKeys(schemas: readonly TObject[]): Set<string> {
  return new Set(schemas.flatMap((s) => Object.keys(s.properties)));
}

/** Keys a process cannot start without: required and without a default. */
function requiredKeys(schemas: readonly TObject[]): string[] {
  return schemas.flatMap((s) =>
    (s.required ?? []).filter(
      (key) => (s.properties[key] as { default?: unknown }).default === undefined,
    ),
  );
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

describe('docker-compose.yml environment = the CDK env contract = the config schemas', () => {
  const ids = {
    'user-service': 'user',
    'task-service': 'task',
    'notification-service': 'notification',
  } as const;

  describe.each(Object.keys(serviceSchemas) as ComposeServiceName[])('%s', (name) => {
    const keys = schemaKeys(serviceSchemas[name]);
    const cdk: string[] = [
      ...serviceEnvironment[ids[name]].plain,
      ...serviceEnvironment[ids[name]].secrets,
    ];
    const localOnly = LOCAL_ONLY_ENV.filter((v) => v.services.includes(name)).map((v) => v.name);
    const service = compose.services[name];
    const composeNames = [
      ...Object.keys(service?.environment ?? {}),
      ...COGNITO_ENV_FILE_VARIABLES,
    ];

    it('every name the CDK sets is a key of the config schema', () => {
      expect(cdk.filter((n) => !keys.has(n))).toEqual([]);
    });

    it('compose sets the same names as the CDK, apart from the documented local-only ones', () => {
      expect(sorted(composeNames.filter((n) => !localOnly.includes(n)))).toEqual(sorted(cdk));
    });

    it('sets locally only schema variables the CDK leaves unset on purpose', () => {
      const unsetOnAws = Object.keys(UNSET_ON_AWS[ids[name]]);
      expect(localOnly.filter((n) => keys.has(n) && !unsetOnAws.includes(n))).toEqual([]);
    });

    it('every name compose sets is read by the schema or by the AWS SDK', () => {
      const sdk: readonly string[] = SDK_ENV_NAMES;
      expect(composeNames.filter((n) => !keys.has(n) && !sdk.includes(n))).toEqual([]);
    });

    it('both provide every variable the service cannot start without', () => {
      const required = requiredKeys(serviceSchemas[name]);
      expect(required.filter((n) => !cdk.includes(n))).toEqual([]);
      expect(required.filter((n) => !composeNames.includes(n))).toEqual([]);
    });

    it('the exceptions are still needed (an entry that matches nothing must go)', () => {
      for (const n of localOnly) {
        expect({ n, inCompose: composeNames.includes(n), inCdk: cdk.includes(n) }).toEqual({
          n,
          inCompose: true,
          inCdk: false,
        });
      }
    });
  });

  it('the gateway gets only variables its config schema declares', () => {
    const keys = schemaKeys([GatewayConfigSchema]);
    const names = Object.keys(compose.services.gateway?.environment ?? {});
    expect(names.filter((n) => !keys.has(n))).toEqual([]);
    expect(requiredKeys([GatewayConfigSchema]).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('the web app gets only variables the static host declares', () => {
    const keys = schemaKeys([StaticHostConfigSchema]);
    const names = Object.keys(compose.services.web?.environment ?? {});
    expect(names.filter((n) => !keys.has(n))).toEqual([]);
    expect(requiredKeys([StaticHostConfigSchema]).filter((n) => !names.includes(n))).toEqual([]);
  });
});

describe('docker-compose.yml services', () => {
  it('has the engines, the one-shot setup, the three services and the gateway', () => {
    expect(sorted(Object.keys(compose.services))).toEqual(
      sorted([
        'dynamodb-volume-init',
        'dynamodb-local',
        'schema-load',
        'cognito-local',
        'cognito-init',
        'localstack',
        ...deployableImages.map((i) => i.name),
        'gateway',
        'web',
      ]),
    );
    expect(compose.services['dynamodb-local']?.image).toMatch(
      /^amazon\/dynamodb-local:\d+\.\d+\.\d+$/,
    );
    expect(compose.services['dynamodb-local']?.volumes).toEqual(['dynamodb-data:/data/dynamodb']);
    expect(compose.services.localstack?.profiles).toEqual(['sns']);
    expect(sorted(oneShots)).toEqual(['cognito-init', 'dynamodb-volume-init', 'schema-load']);
  });

  it.each(longRunning)('%s has a healthcheck and restarts', (name) => {
    const service = compose.services[name];
    expect(service?.healthcheck?.test?.[0]).toBe('CMD');
    expect(service?.healthcheck?.disable).toBeUndefined();
    expect(service?.restart).toBe('unless-stopped');
  });

  it.each(Object.keys(compose.services))('%s is hardened', (name) => {
    const service = compose.services[name];
    const skip = HARDENING_EXCEPTIONS[name]?.skip ?? [];
    if (!skip.includes('read_only')) expect(service?.read_only).toBe(true);
    if (!skip.includes('cap_drop')) expect(service?.cap_drop).toEqual(['ALL']);
    expect(service?.security_opt).toContain('no-new-privileges:true');
    expect(service?.tmpfs?.some((t) => t.startsWith('/tmp:'))).toBe(true);
    expect(service?.cap_add ?? []).toEqual([]);
  });

  it('waits for health or completion on every dependency', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dep, { condition }] of Object.entries(service.depends_on ?? {})) {
        const expected = oneShots.has(dep) ? 'service_completed_successfully' : 'service_healthy';
        expect({ name, dep, condition }).toEqual({ name, dep, condition: expected });
        expect(compose.services[dep]).toBeDefined();
      }
    }
    for (const image of deployableImages) {
      expect(sorted(Object.keys(compose.services[image.name]?.depends_on ?? {}))).toEqual(
        expect.arrayContaining(['cognito-init', 'cognito-local', 'dynamodb-local', 'schema-load']),
      );
    }
  });

  it.each(deployableImages.map((i) => i.name))(
    '%s builds from its Dockerfile and runs its CMD with the Cognito ids file',
    (name) => {
      const service = compose.services[name];
      const image = deployableImages.find((i) => i.name === name);
      expect(service?.build).toEqual({ context: '.', dockerfile: image?.dockerfile });
      const cmd = instructionsOf(
        parseDockerfile(join(repoRoot, image?.dockerfile ?? '')).runtime,
        'CMD',
      );
      const imageCmd = execForm(cmd[0] as (typeof cmd)[number]) ?? [];
      expect(service?.command).toEqual([
        imageCmd[0],
        '--env-file=/run/taskmgr/cognito.env',
        ...imageCmd.slice(1),
      ]);
      expect(service?.volumes).toEqual(['cognito-ids:/run/taskmgr:ro']);
      expect(service?.stop_grace_period).toBe('30s');
    },
  );

  it('builds the local-only images from their Dockerfiles', () => {
    for (const image of localOnlyImages) {
      expect(existsSync(join(repoRoot, image.dockerfile))).toBe(true);
    }
    expect(compose.services.gateway?.build?.dockerfile).toBe('tools/gateway/Dockerfile');
    expect(compose.services.web?.build?.dockerfile).toBe('web/Dockerfile');
    for (const name of ['cognito-local', 'cognito-init', 'schema-load', 'dynamodb-volume-init']) {
      expect(compose.services[name]?.build?.dockerfile).toBe('tools/compose-local/Dockerfile');
    }
  });

  describe('web', () => {
    const web = compose.services.web;
    const gateway = compose.services.gateway;
    const webDockerfile = parseDockerfile(join(repoRoot, 'web/Dockerfile'));
    /** `127.0.0.1:3000:3000` → { host: 3000, container: 3000 } */
    const published = (service: typeof web) => {
      const [address, host, container] = (service?.ports?.[0] ?? '').split(':');
      return { address, host: Number(host), container: Number(container) };
    };

    it('starts once the gateway is healthy, and is published on loopback', () => {
      expect(web?.depends_on).toEqual({ gateway: { condition: 'service_healthy' } });
      expect(web?.ports).toHaveLength(1);
      expect(published(web)).toEqual({
        address: '127.0.0.1',
        host: 3000,
        container: Number(web?.environment?.PORT),
      });
      expect(instructionsOf(webDockerfile.runtime, 'EXPOSE')[0]?.getArgumentsContent()).toBe(
        String(web?.environment?.PORT),
      );
    });

    it('is healthy when the export is there (/health/ready on its own port)', () => {
      expect(web?.healthcheck?.test?.join(' ')).toContain(
        `http://127.0.0.1:${web?.environment?.PORT}/health/ready`,
      );
    });

    it('bakes in the gateway as the browser reaches it, by default the Dockerfile’s own', () => {
      const arg = web?.build?.args?.NEXT_PUBLIC_API_BASE_URL ?? '';
      const fallback = /^\$\{WEB_API_BASE_URL:-(.+)\}$/.exec(arg)?.[1];
      const dockerfileDefault = argsOf(webDockerfile.stages[0] ?? webDockerfile.runtime).find(
        (a) => a.name === 'NEXT_PUBLIC_API_BASE_URL',
      )?.value;
      expect(fallback).toBe(dockerfileDefault);
      const url = new URL(fallback ?? '');
      expect(url.hostname).toBe('localhost');
      expect(Number(url.port)).toBe(published(gateway).host);
      expect(published(gateway).address).toBe('127.0.0.1');
    });

    it.each(deployableImages.map((i) => i.name))(
      '%s lets the web app call it from the browser (CORS)',
      (name) => {
        const origins = String(compose.services[name]?.environment?.CORS_ORIGINS ?? '').split(',');
        const port = published(web).host;
        expect(origins).toEqual(
          expect.arrayContaining([`http://localhost:${port}`, `http://127.0.0.1:${port}`]),
        );
      },
    );
  });

  it('cognito-init writes the ids file on the volume the services read', () => {
    expect(compose.services['cognito-init']?.environment?.COGNITO_ENV_FILE).toBe(
      '/run/taskmgr/cognito.env',
    );
    expect(compose.services['cognito-init']?.volumes).toEqual(['cognito-ids:/run/taskmgr']);
    expect(compose.services['cognito-local']?.environment?.COGNITO_LOCAL_ISSUER_DOMAIN).toBe(
      compose.services['cognito-init']?.environment?.COGNITO_ENDPOINT,
    );
  });

  it('declares every named volume it mounts', () => {
    const mounted = Object.values(compose.services).flatMap((s) =>
      (s.volumes ?? []).map((v) => v.split(':')[0] ?? '').filter((v) => !v.startsWith('.')),
    );
    expect(sorted(mounted)).toEqual(sorted(Object.keys(compose.volumes)));
  });
});
