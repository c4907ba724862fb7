import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnResource, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import cdkJson from '../../../cdk.json';
import { type AppConfig, loadConfig } from '../../../lib/config';
import { createStacks, type TaskManagerStacks } from '../../../lib/stacks';

/** The cdk.json context (feature flags, per-env blocks) plus a test's overrides. */
export function contextWith(overrides: Record<string, unknown>): Record<string, unknown> {
  return { ...cdkJson.context, ...overrides };
}

export const ACCOUNT = '111111111111';

/** What the first `cdk synth` with credentials caches in cdk.context.json. */
function zones(region: string): Record<string, string[]> {
  return {
    [`availability-zones:account=${ACCOUNT}:region=${region}`]: [
      `${region}a`,
      `${region}b`,
      `${region}c`,
    ],
  };
}

export const DEV_CONTEXT = {
  ...zones('us-east-1'),
  env: 'dev',
  account: ACCOUNT,
  region: 'us-east-1',
  imageTag: 'abc1234',
  pipelineConnectionArn: `arn:aws:codeconnections:us-east-1:${ACCOUNT}:connection/0b7b0c1e-1111-2222-3333-444455556666`,
  pipelineRepository: 'example/task-manager',
};

export const PROD_CONTEXT = {
  ...zones('eu-west-1'),
  env: 'prod',
  account: ACCOUNT,
  region: 'eu-west-1',
  blueGreen: 'true',
  hostedZoneName: 'example.com',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  alarmEmail: 'oncall@example.com',
  notificationEmailFrom: 'no-reply@example.com',
  reminderIntervalMinutes: '10',
  pipelineConnectionArn: `arn:aws:codeconnections:eu-west-1:${ACCOUNT}:connection/0b7b0c1e-1111-2222-3333-444455556666`,
  pipelineRepository: 'example/task-manager',
};

export interface SynthResult {
  readonly app: App;
  readonly config: AppConfig;
  readonly stacks: TaskManagerStacks;
  readonly templates: {
    readonly registry: Template;
    readonly data: Template;
    readonly app: Template;
    readonly edge?: Template;
    readonly pipeline?: Template;
  };
}

/**
 * Builds the whole app the way bin/app.ts does (same stacks, same cdk.json flags) and
 * synthesizes it once. Offline: no lookups (zone by id), no Docker (images are ECR tags).
 */
export function synthesize(overrides: Record<string, unknown>): SynthResult {
  const context = contextWith(overrides);
  const app = new App({
    context,
    outdir: mkdtempSync(join(tmpdir(), 'taskmgr-cdk-')),
  });
  const config = loadConfig((key) => app.node.tryGetContext(key), {});
  const stacks = createStacks(app, config);
  app.synth();
  return {
    app,
    config,
    stacks,
    templates: {
      registry: Template.fromStack(stacks.registry),
      data: Template.fromStack(stacks.data),
      app: Template.fromStack(stacks.app),
      ...(stacks.edge ? { edge: Template.fromStack(stacks.edge) } : {}),
      ...(stacks.pipeline ? { pipeline: Template.fromStack(stacks.pipeline) } : {}),
    },
  };
}

export interface NagViolation {
  readonly rule: string;
  readonly severity: string;
  readonly paths: readonly string[];
}

/** cdk-nag's AwsSolutions pack over the synthesized tree: unacknowledged errors and warnings. */
export function nagViolations(app: App): NagViolation[] {
  const report = new AwsSolutionsChecks().validateScope(app);
  return report.violations.map((v) => ({
    rule: v.ruleName,
    severity: v.severity ?? 'error',
    paths: v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId ?? ''),
  }));
}

/** What the pack would report with every acknowledgement ignored. */
export function rawNagViolations(app: App): NagViolation[] {
  const pack = new AwsSolutionsChecks();
  Reflect.set(pack, 'isAcknowledged', () => false);
  return pack.validateScope(app).violations.map((v) => ({
    rule: v.ruleName,
    severity: v.severity ?? 'error',
    paths: v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId ?? ''),
  }));
}

/** Our AwsSolutions acknowledgements that no finding needs (stale, or misspelt ids). */
export function unusedAcknowledgements(app: App): Acknowledgement[] {
  const raw = rawNagViolations(app);
  return nagAcknowledgements(app).filter((ack) => {
    const id = ack.id.replace(/^[A-Za-z]+::/, '');
    return !raw.some(
      (v) => v.rule === id && v.paths.some((p) => p === ack.path || p.startsWith(`${ack.path}/`)),
    );
  });
}

export interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every `Validations.of(x).acknowledge(...)` in the tree, with where it was made. */
export function acknowledgements(root: IConstruct): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        found.push({ path: construct.node.path, id, reason: String(reason) });
      }
    }
  }
  return found;
}

/** Acknowledgements of cdk-nag rules (CDK itself acknowledges some of its own validations). */
export function nagAcknowledgements(root: IConstruct): Acknowledgement[] {
  return acknowledgements(root).filter((a) => a.id.includes('AwsSolutions-'));
}

/** Type helpers for reading synthesized JSON without `any`. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function resourcesOf(template: Template, type: string): Record<string, JsonObject> {
  return template.findResources(type) as Record<string, JsonObject>;
}

export function props(resource: JsonObject): JsonObject {
  const p = resource.Properties;
  return p && typeof p === 'object' && !Array.isArray(p) ? p : {};
}

export function asArray(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function asObject(value: Json | undefined): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** Logical id of a resource in the template it belongs to. */
export function logicalId(resource: IConstruct): string {
  const cfn = resource.node.defaultChild as CfnResource | undefined;
  const target = cfn ?? (resource as CfnResource);
  return target.stack.getLogicalId(target);
}

export { Template };
