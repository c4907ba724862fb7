/**
 * The stateful stacks on their own (fast to synthesize): the table against the shared
 * definition, Cognito, the SNS topics and SES, and the ECR repositories, in dev and prod.
 */
import { keyAttributes, tableDefinition } from '@taskmgr/dynamo';
import { services } from '@taskmgr/route-table';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type AppConfig, loadConfig } from '../../lib/config';
import { NOTIFICATION_TOPICS } from '../../lib/messaging';
import { KEEP_IMAGES } from '../../lib/registry';
import { DataStack } from '../../lib/stacks/data-stack';
import { RegistryStack } from '../../lib/stacks/registry-stack';
import {
  ACCOUNT,
  asArray,
  asObject,
  contextWith,
  type JsonObject,
  nagViolations,
  PROD_CONTEXT,
  props,
  resourcesOf,
} from './support/synth';

interface Built {
  readonly app: App;
  readonly data: Template;
  readonly registry: Template;
}

function build(overrides: Record<string, unknown>): Built {
  const app = new App({ context: contextWith(overrides) });
  const config: AppConfig = loadConfig((key) => app.node.tryGetContext(key), {});
  const env = { account: ACCOUNT, region: config.region ?? 'us-east-1' };
  const data = new DataStack(app, 'data', { env, config });
  const registry = new RegistryStack(app, 'registry', { env, config });
  app.synth();
  return { app, data: Template.fromStack(data), registry: Template.fromStack(registry) };
}

let dev: Built;
let prod: Built;

beforeAll(() => {
  dev = build({ env: 'dev', region: 'us-east-1' });
  prod = build(PROD_CONTEXT);
});

function table(template: Template): [string, JsonObject] {
  const tables = Object.entries(resourcesOf(template, 'AWS::DynamoDB::Table'));
  expect(tables).toHaveLength(1);
  const first = tables[0];
  if (!first) throw new Error('no table');
  return first;
}

describe('table, from the shared definition', () => {
  it('has the keys and attribute types of the definition', () => {
    const p = props(table(dev.data)[1]);
    expect(p.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey.name, KeyType: 'RANGE' },
    ]);
    const attributes = asArray(p.AttributeDefinitions).map(asObject);
    expect(attributes).toHaveLength(keyAttributes().length);
    expect(attributes).toEqual(
      expect.arrayContaining(
        keyAttributes().map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
      ),
    );
  });

  it('has exactly the global secondary indexes of the definition', () => {
    const p = props(table(dev.data)[1]);
    const expected = tableDefinition.globalSecondaryIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey.name, KeyType: 'HASH' },
        ...(i.sortKey ? [{ AttributeName: i.sortKey.name, KeyType: 'RANGE' }] : []),
      ],
      Projection: { ProjectionType: i.projection },
    }));
    expect(asArray(p.GlobalSecondaryIndexes)).toEqual(expected);
  });

  it('has exactly the local secondary indexes of the definition', () => {
    const p = props(table(dev.data)[1]);
    const expected = tableDefinition.localSecondaryIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: i.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: i.projection },
    }));
    expect(asArray(p.LocalSecondaryIndexes)).toEqual(expected);
  });

  it('bills on demand, with PITR, TTL on the definition attribute and the stream', () => {
    const p = props(table(dev.data)[1]);
    expect(p.BillingMode).toBe(tableDefinition.billingMode);
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.TimeToLiveSpecification).toEqual({
      AttributeName: tableDefinition.timeToLiveAttribute,
      Enabled: true,
    });
    expect(tableDefinition.timeToLiveAttribute).toBe('NotificationExpiry');
    expect(p.StreamSpecification).toEqual({ StreamViewType: tableDefinition.streamViewType });
    expect(p.TableName).toBe('TaskManagement-dev');
  });

  it('is retained and deletion-protected in prod only', () => {
    const [, devTable] = table(dev.data);
    expect(devTable.DeletionPolicy).toBe('Delete');
    expect(props(devTable).DeletionProtectionEnabled).toBe(false);
    const [, prodTable] = table(prod.data);
    expect(prodTable.DeletionPolicy).toBe('Retain');
    expect(prodTable.UpdateReplacePolicy).toBe('Retain');
    expect(props(prodTable).DeletionProtectionEnabled).toBe(true);
  });
});

describe('cognito', () => {
  it('signs in by email with a strong password policy, verified email and optional TOTP', () => {
    dev.data.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
    });
  });

  it('has a public client: password auth and refresh, short tokens, revocation, no secret, no OAuth', () => {
    const clients = Object.values(resourcesOf(dev.data, 'AWS::Cognito::UserPoolClient')).map(props);
    expect(clients).toHaveLength(1);
    const client = clients[0] ?? {};
    expect(asArray(client.ExplicitAuthFlows).sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
    ]);
    expect(client.GenerateSecret).toBe(false);
    expect(client.EnableTokenRevocation).toBe(true);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
    expect(client.AccessTokenValidity).toBe(15);
    expect(asObject(client.TokenValidityUnits).AccessToken).toBe('minutes');
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
  });

  it('protects the prod user pool from deletion', () => {
    const pools = Object.values(resourcesOf(prod.data, 'AWS::Cognito::UserPool'));
    expect(pools[0]?.DeletionPolicy).toBe('Retain');
    expect(props(pools[0] ?? {}).DeletionProtection).toBe('ACTIVE');
  });
});

describe('messaging', () => {
  it('has the four seed topics, KMS-encrypted with a rotating key', () => {
    const topics = Object.values(resourcesOf(dev.data, 'AWS::SNS::Topic')).map(props);
    expect(topics.map((t) => t.TopicName).sort()).toEqual(
      NOTIFICATION_TOPICS.map((t) => `taskmgr-dev-${t.id}`).sort(),
    );
    for (const topic of topics) expect(topic.KmsMasterKeyId).toBeDefined();
    dev.data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('refuses publishing over plain HTTP on every topic', () => {
    const policies = Object.values(resourcesOf(dev.data, 'AWS::SNS::TopicPolicy')).map(props);
    const covered = new Set<string>();
    for (const policy of policies) {
      const statements = asArray(asObject(policy.PolicyDocument).Statement).map(asObject);
      const tls = statements.find(
        (s) =>
          s.Effect === 'Deny' &&
          JSON.stringify(s.Condition) ===
            JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
      );
      if (tls) for (const t of asArray(policy.Topics)) covered.add(JSON.stringify(t));
    }
    expect(covered.size).toBe(NOTIFICATION_TOPICS.length);
  });

  it('creates an SES identity for the sender only when one is configured', () => {
    dev.data.resourceCountIs('AWS::SES::EmailIdentity', 0);
    // example.com is the hosted zone in prod, so it is a domain identity with DKIM records.
    prod.data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.com' });
  });
});

describe('registry', () => {
  it('has one immutable, scanned repository per service with a lifecycle policy', () => {
    const repos = Object.values(resourcesOf(dev.registry, 'AWS::ECR::Repository')).map(props);
    expect(repos.map((r) => r.RepositoryName).sort()).toEqual(
      Object.values(services)
        .map((s) => `taskmgr-dev/${s.name}`)
        .sort(),
    );
    for (const repo of repos) {
      expect(repo.ImageTagMutability).toBe('IMMUTABLE');
      expect(repo.ImageScanningConfiguration).toEqual({ ScanOnPush: true });
      const rules = asArray(
        asObject(JSON.parse(String(asObject(repo.LifecyclePolicy).LifecyclePolicyText))).rules,
      ).map(asObject);
      expect(rules.map((r) => asObject(r.selection).tagStatus)).toEqual(['untagged', 'any']);
      expect(asObject(rules[1]?.selection).countNumber).toBe(KEEP_IMAGES);
    }
  });
});

describe('cdk-nag', () => {
  it('has no unacknowledged AwsSolutions findings in dev or prod', () => {
    expect(nagViolations(dev.app)).toEqual([]);
    expect(nagViolations(prod.app)).toEqual([]);
  });
});
