import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
/**
 * The dev deployment (rolling deployments, default domains, pipeline without approval),
 * synthesized once. Checks every security-relevant property of the network, the services, the
 * API, the scheduler, the web hosting, the alarms and the pipeline; then runs cdk-nag.
 */
import {
  albPathPatterns,
  apiGatewayPaths,
  CONTAINER_PORT,
  routes,
  type ServiceId,
  services,
} from '@taskmgr/route-table';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import {
  loadUserServiceConfig,
  resolveUserServiceSettings,
} from '../../../services/user-service/src/config';
import { PASSWORD_POLICY, USER_TOKEN_SCOPE } from '../../lib/auth';
import { DUE_REMINDER_COMMAND, SECRET_ENV_NAMES, serviceEnvironment } from '../../lib/env-contract';
import { DELIVERY_FAILED_EVENT } from '../../lib/observability';
import { imageTagParameterName, PUBLISH_WEB_COMMAND } from '../../lib/pipeline';
import {
  DEREGISTRATION_DELAY,
  HEALTH_SERVICE_HEADER,
  LISTENER_PORT,
  STOP_TIMEOUT,
  TRUST_PROXY_HOPS,
  USER_POOL_ADMIN_ACTIONS,
} from '../../lib/services';
import { iamStatements, roleIdOf, statementsOfRole } from './support/iam';
import {
  asArray,
  asObject,
  DEV_CONTEXT,
  type Json,
  type JsonObject,
  logicalId,
  nagAcknowledgements,
  nagViolations,
  props,
  resourcesOf,
  type SynthResult,
  synthesize,
  type Template,
  unusedAcknowledgements,
} from './support/synth';

let result: SynthResult;
let app: Template;

beforeAll(() => {
  result = synthesize(DEV_CONTEXT);
  app = result.templates.app;
});

const serviceIds = Object.keys(services) as ServiceId[];

function only(template: Template, type: string): [string, JsonObject] {
  const all = Object.entries(resourcesOf(template, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  const first = all[0];
  if (!first) throw new Error(`no ${type}`);
  return first;
}

function ref(value: Json | undefined): string | undefined {
  const r = asObject(value).Ref;
  return typeof r === 'string' ? r : undefined;
}

/** ECS services by service id (the container is named after the service). */
function ecsServices(): Record<ServiceId, JsonObject> {
  const out: Partial<Record<ServiceId, JsonObject>> = {};
  for (const resource of Object.values(resourcesOf(app, 'AWS::ECS::Service'))) {
    const lb = asObject(asArray(props(resource).LoadBalancers)[0]);
    const def = Object.values(services).find((s) => s.name === lb.ContainerName);
    if (def) out[def.id] = resource;
  }
  return out as Record<ServiceId, JsonObject>;
}

function targetGroupOf(serviceId: ServiceId): string {
  const lb = asObject(asArray(props(ecsServices()[serviceId]).LoadBalancers)[0]);
  const id = ref(lb.TargetGroupArn);
  if (!id) throw new Error('no target group');
  return id;
}

function taskDefinitionOf(serviceId: ServiceId): JsonObject {
  const id = ref(props(ecsServices()[serviceId]).TaskDefinition);
  const taskDef = id ? resourcesOf(app, 'AWS::ECS::TaskDefinition')[id] : undefined;
  if (!taskDef) throw new Error('no task definition');
  return taskDef;
}

function containerOf(taskDef: JsonObject): JsonObject {
  return asObject(asArray(props(taskDef).ContainerDefinitions)[0]);
}

/**
 * A container variable as it would be at run time: the intrinsics the user service's values
 * use, with made-up ids for what the data stack outputs. Anything else fails the test.
 */
function resolveForTest(value: Json | undefined): string {
  if (typeof value === 'string') return value;
  const o = asObject(value);
  if (o.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
  if (o['Fn::Join']) {
    const [sep, parts] = asArray(o['Fn::Join']);
    return asArray(parts).map(resolveForTest).join(String(sep));
  }
  const [, attribute] = asArray(o['Fn::GetAtt']);
  if (attribute === 'DomainName') return 'd111111abcdef8.cloudfront.net';
  const output = String(asObject(o['Fn::GetStackOutput']).OutputName ?? '');
  if (/UserPoolWebClient/.test(output)) return '1example23456789';
  if (/UserPool/.test(output)) return 'us-east-1_Example1';
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

describe('network', () => {
  it('spans two AZs with public and private subnets and one NAT gateway in dev', () => {
    const subnets = Object.values(resourcesOf(app, 'AWS::EC2::Subnet')).map(props);
    expect(subnets).toHaveLength(4);
    expect(subnets.filter((s) => s.MapPublicIpOnLaunch === true)).toHaveLength(2);
    expect(new Set(subnets.map((s) => JSON.stringify(s.AvailabilityZone))).size).toBe(2);
    app.resourceCountIs('AWS::EC2::NatGateway', 1);
    app.resourceCountIs('AWS::EC2::FlowLog', 1);
  });

  it('has gateway endpoints for DynamoDB and S3 and interface endpoints for ECR, Logs and SNS', () => {
    const endpoints = Object.values(resourcesOf(app, 'AWS::EC2::VPCEndpoint')).map(props);
    const names = (type: string) =>
      endpoints
        .filter((e) => (e.VpcEndpointType ?? 'Gateway') === type)
        .map((e) => JSON.stringify(e.ServiceName));
    const gateway = names('Gateway').join(' ');
    expect(gateway).toContain('.dynamodb');
    expect(gateway).toContain('.s3');
    const iface = names('Interface').join(' ');
    for (const service of ['ecr.api', 'ecr.dkr', 'logs', 'sns']) {
      expect(iface).toContain(`.${service}`);
    }
    for (const e of endpoints.filter((x) => x.VpcEndpointType === 'Interface')) {
      expect(e.PrivateDnsEnabled).toBe(true);
    }
  });

  it('lets nothing in from 0.0.0.0/0 or ::/0, anywhere', () => {
    const open = (rule: JsonObject) => rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0';
    for (const template of Object.values(result.templates)) {
      for (const sg of Object.values(resourcesOf(template, 'AWS::EC2::SecurityGroup'))) {
        expect(asArray(props(sg).SecurityGroupIngress).map(asObject).filter(open)).toEqual([]);
      }
      for (const rule of Object.values(resourcesOf(template, 'AWS::EC2::SecurityGroupIngress'))) {
        expect(open(props(rule))).toBe(false);
      }
    }
  });

  it('opens the ALB only to the VPC link, and each service only to the ALB', () => {
    const ingress = Object.values(resourcesOf(app, 'AWS::EC2::SecurityGroupIngress')).map(props);
    const groupOf = (value: Json | undefined) => {
      const getAtt = asObject(value)['Fn::GetAtt'];
      return Array.isArray(getAtt) ? String(getAtt[0]) : JSON.stringify(value);
    };
    const albSg = Object.keys(resourcesOf(app, 'AWS::EC2::SecurityGroup')).find((id) =>
      id.startsWith('ServicesAlbSecurityGroup'),
    );
    const linkSg = Object.keys(resourcesOf(app, 'AWS::EC2::SecurityGroup')).find((id) =>
      id.startsWith('ApiVpcLinkSecurityGroup'),
    );
    const toAlb = ingress.filter((r) => groupOf(r.GroupId) === albSg);
    expect(toAlb).toEqual([
      expect.objectContaining({
        FromPort: LISTENER_PORT,
        ToPort: LISTENER_PORT,
        SourceSecurityGroupId: { 'Fn::GetAtt': [linkSg, 'GroupId'] },
      }),
    ]);
    for (const serviceId of serviceIds) {
      const sgRef = asArray(
        asObject(asObject(props(ecsServices()[serviceId]).NetworkConfiguration).AwsvpcConfiguration)
          .SecurityGroups,
      )[0];
      const rules = ingress.filter((r) => groupOf(r.GroupId) === groupOf(sgRef));
      expect(rules).toEqual([
        expect.objectContaining({
          FromPort: CONTAINER_PORT,
          ToPort: CONTAINER_PORT,
          SourceSecurityGroupId: { 'Fn::GetAtt': [albSg, 'GroupId'] },
        }),
      ]);
    }
  });
});

describe('load balancer', () => {
  it('is internal and answers 404 (not 200) to any path the route table does not list', () => {
    const [, alb] = only(app, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(props(alb).Scheme).toBe('internal');
    const [, listener] = only(app, 'AWS::ElasticLoadBalancingV2::Listener');
    expect(props(listener).Port).toBe(LISTENER_PORT);
    expect(props(listener).DefaultActions).toEqual([
      {
        Type: 'fixed-response',
        FixedResponseConfig: expect.objectContaining({ StatusCode: '404' }),
      },
    ]);
  });

  it('routes exactly the route table prefixes of each service to its target group', () => {
    const rules = Object.values(resourcesOf(app, 'AWS::ElasticLoadBalancingV2::ListenerRule')).map(
      props,
    );
    const pathRules = rules.filter((r) =>
      asArray(r.Conditions).every((c) => asObject(c).Field === 'path-pattern'),
    );
    for (const serviceId of serviceIds) {
      const tg = targetGroupOf(serviceId);
      const patterns = pathRules
        .filter((r) => ref(asObject(asArray(r.Actions)[0]).TargetGroupArn) === tg)
        .flatMap((r) =>
          asArray(r.Conditions).flatMap((c) =>
            asArray(asObject(asObject(c).PathPatternConfig).Values),
          ),
        );
      expect(patterns.sort()).toEqual(albPathPatterns(serviceId).sort());
    }
    const priorities = rules.map((r) => r.Priority);
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  it('sends the health probes to the right service only with the gateway-set header', () => {
    const rules = Object.values(resourcesOf(app, 'AWS::ElasticLoadBalancingV2::ListenerRule')).map(
      props,
    );
    for (const serviceId of serviceIds) {
      const tg = targetGroupOf(serviceId);
      const health = rules.filter(
        (r) =>
          ref(asObject(asArray(r.Actions)[0]).TargetGroupArn) === tg &&
          asArray(r.Conditions).some((c) => asObject(c).Field === 'http-header'),
      );
      expect(health).toHaveLength(1);
      expect(asArray(health[0]?.Conditions)).toContainEqual({
        Field: 'http-header',
        HttpHeaderConfig: { HttpHeaderName: HEALTH_SERVICE_HEADER, Values: [serviceId] },
      });
    }
  });

  it('checks /health/ready and drains for no longer than the stop timeout', () => {
    for (const serviceId of serviceIds) {
      const tg = resourcesOf(app, 'AWS::ElasticLoadBalancingV2::TargetGroup')[
        targetGroupOf(serviceId)
      ];
      const p = props(tg ?? {});
      expect(p.HealthCheckPath).toBe('/health/ready');
      expect(p.TargetType).toBe('ip');
      expect(p.Port).toBe(CONTAINER_PORT);
      expect(p.TargetGroupAttributes).toContainEqual({
        Key: 'deregistration_delay.timeout_seconds',
        Value: String(DEREGISTRATION_DELAY.toSeconds()),
      });
    }
    // API Gateway stops waiting after 30 s, so draining longer would only slow deployments.
    expect(DEREGISTRATION_DELAY.toSeconds()).toBeLessThanOrEqual(30);
    expect(STOP_TIMEOUT.toSeconds() * 1000).toBeGreaterThan(25_000);
  });

  it('writes access logs', () => {
    const [, alb] = only(app, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(props(alb).LoadBalancerAttributes).toContainEqual({
      Key: 'access_logs.s3.enabled',
      Value: 'true',
    });
  });
});

describe('services', () => {
  it('runs on a cluster with Container Insights', () => {
    app.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
  });

  it('runs three ARM64 Fargate services in private subnets without public IPs', () => {
    for (const serviceId of serviceIds) {
      const service = props(ecsServices()[serviceId]);
      expect(service.LaunchType).toBe('FARGATE');
      expect(
        asObject(asObject(service.NetworkConfiguration).AwsvpcConfiguration).AssignPublicIp,
      ).toBe('DISABLED');
      const taskDef = props(taskDefinitionOf(serviceId));
      expect(taskDef.RuntimePlatform).toEqual({
        CpuArchitecture: 'ARM64',
        OperatingSystemFamily: 'LINUX',
      });
      expect(taskDef.RequiresCompatibilities).toEqual(['FARGATE']);
    }
  });

  it('deploys by rolling update with the circuit breaker, alarm rollback and no downtime', () => {
    for (const serviceId of serviceIds) {
      const service = props(ecsServices()[serviceId]);
      const deployment = asObject(service.DeploymentConfiguration);
      expect(deployment.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
      expect(asObject(deployment.Alarms)).toMatchObject({ Enable: true, Rollback: true });
      expect(deployment.MinimumHealthyPercent).toBe(100);
      expect(asObject(service.DeploymentController).Type ?? 'ECS').toBe('ECS');
      // A fixed DesiredCount would undo autoscaling on every deploy.
      expect(service.DesiredCount).toBeUndefined();
    }
  });

  it('stops containers 30 s after SIGTERM, above the 25 s drain', () => {
    for (const serviceId of serviceIds) {
      const container = containerOf(taskDefinitionOf(serviceId));
      expect(container.StopTimeout).toBe(STOP_TIMEOUT.toSeconds());
      const env = asArray(container.Environment).map(asObject);
      expect(env).toContainEqual({ Name: 'SHUTDOWN_TIMEOUT_MS', Value: '25000' });
    }
  });

  it('passes exactly the env names of the contract, and CURSOR_SECRET from Secrets Manager', () => {
    for (const serviceId of serviceIds) {
      const container = containerOf(taskDefinitionOf(serviceId));
      const names = asArray(container.Environment).map((e) => String(asObject(e).Name));
      expect(names.sort()).toEqual([...serviceEnvironment[serviceId].plain].sort());
      const secrets = asArray(container.Secrets).map(asObject);
      expect(secrets.map((s) => s.Name)).toEqual([...serviceEnvironment[serviceId].secrets]);
      for (const secret of secrets)
        expect(JSON.stringify(secret.ValueFrom)).toContain('CursorSecret');
      for (const secretName of SECRET_ENV_NAMES) expect(names).not.toContain(secretName);
    }
    expect(containerOf(taskDefinitionOf('user')).Secrets).toBeUndefined();
    const notification = asArray(containerOf(taskDefinitionOf('notification')).Environment).map(
      asObject,
    );
    expect(notification).toContainEqual({ Name: 'REMINDER_INTERVAL_SECONDS', Value: '0' });
    expect(notification).toContainEqual({ Name: 'PORT', Value: String(CONTAINER_PORT) });
  });

  it('lets only the task and notification execution roles read the cursor secret', () => {
    const readsSecret = (serviceId: ServiceId) =>
      statementsOfRole(app, roleIdOf(props(taskDefinitionOf(serviceId)).ExecutionRoleArn)).some(
        (s) => s.actions.some((a) => a.startsWith('secretsmanager:')),
      );
    expect(serviceIds.filter(readsSecret).sort()).toEqual(['notification', 'task']);
  });

  it('trusts exactly the two proxies in front of every service (ALB, then API Gateway)', () => {
    // Client → API Gateway → VPC link → ALB → task: one hop fewer keys rate limits on the VPC
    // link's address, one more trusts a client-supplied X-Forwarded-For.
    expect(TRUST_PROXY_HOPS).toBe(2);
    for (const serviceId of serviceIds) {
      const env = asArray(containerOf(taskDefinitionOf(serviceId)).Environment).map(asObject);
      expect(env).toContainEqual({ Name: 'TRUST_PROXY_HOPS', Value: '2' });
    }
  });

  it("gives the user service the pool's password policy, read through its own config", () => {
    const [, pool] = only(result.templates.data, 'AWS::Cognito::UserPool');
    const poolPolicy = asObject(asObject(props(pool).Policies).PasswordPolicy);
    const env = Object.fromEntries(
      asArray(containerOf(taskDefinitionOf('user')).Environment).map((e) => {
        const { Name, Value } = asObject(e);
        return [String(Name), resolveForTest(Value)];
      }),
    );
    // The production checks pass too: real issuer, auto-confirm and the Cognito endpoint unset.
    const settings = resolveUserServiceSettings(loadUserServiceConfig(env));
    expect(settings.passwordPolicy).toEqual({
      minLength: poolPolicy.MinimumLength,
      requireSymbol: poolPolicy.RequireSymbols,
    });
    expect(settings.passwordPolicy).toEqual({
      minLength: PASSWORD_POLICY.minLength,
      requireSymbol: PASSWORD_POLICY.requireSymbols,
    });
    expect(settings.autoConfirmSignUp).toBe(false);
    expect(settings.cognitoEndpoint).toBeUndefined();
    // The service always requires these three; a pool without them would accept what it refuses.
    expect(poolPolicy).toMatchObject({
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
    });
  });

  it("hands the web build the pool's password policy through the app stack's outputs", () => {
    const [, pool] = only(result.templates.data, 'AWS::Cognito::UserPool');
    const poolPolicy = asObject(asObject(props(pool).Policies).PasswordPolicy);
    const outputs = asObject(asObject(app.toJSON()).Outputs);
    expect(asObject(outputs.PasswordMinLength).Value).toBe(String(poolPolicy.MinimumLength));
    expect(asObject(outputs.PasswordRequireSymbol).Value).toBe(String(poolPolicy.RequireSymbols));
  });

  it('pulls images from ECR by the tag parameters, never from CDK Docker assets', () => {
    for (const service of Object.values(services)) {
      const image = JSON.stringify(containerOf(taskDefinitionOf(service.id)).Image);
      expect(image).toContain(`{"Ref":"${imageTagParameterName(service.name)}"}`);
      expect(image).toContain('.dkr.ecr.');
      app.hasParameter(imageTagParameterName(service.name), {
        Type: 'String',
        Default: 'abc1234',
      });
    }
    const manifest = result.app.synth().manifest.artifacts ?? {};
    for (const artifact of Object.values(manifest)) {
      expect(JSON.stringify(artifact)).not.toContain('aws:cdk:asset:docker');
    }
  });

  it('keeps the root filesystem read-only and checks liveness in-process', () => {
    for (const serviceId of serviceIds) {
      const container = containerOf(taskDefinitionOf(serviceId));
      expect(container.ReadonlyRootFilesystem).toBe(true);
      expect(JSON.stringify(asObject(container.HealthCheck).Command)).toContain('/health/live');
    }
  });

  it('sets a retention on every log group', () => {
    for (const template of Object.values(result.templates)) {
      for (const group of Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'))) {
        expect(props(group).RetentionInDays).toEqual(expect.any(Number));
      }
    }
  });

  it('scales each service on CPU and on requests per target', () => {
    const policies = Object.values(
      resourcesOf(app, 'AWS::ApplicationAutoScaling::ScalingPolicy'),
    ).map(props);
    const metricTypes = policies.map(
      (p) =>
        asObject(asObject(p.TargetTrackingScalingPolicyConfiguration).PredefinedMetricSpecification)
          .PredefinedMetricType,
    );
    expect(metricTypes.filter((t) => t === 'ECSServiceAverageCPUUtilization')).toHaveLength(3);
    expect(metricTypes.filter((t) => t === 'ALBRequestCountPerTarget')).toHaveLength(3);
    app.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 3);
  });
});

describe('least privilege', () => {
  const dataActions = (statements: ReturnType<typeof statementsOfRole>) =>
    statements.filter((s) => s.effect === 'Allow').flatMap((s) => s.actions);

  const taskRoleOf = (serviceId: ServiceId) =>
    roleIdOf(props(taskDefinitionOf(serviceId)).TaskRoleArn);

  it('lets the task service use the table and nothing else', () => {
    const actions = dataActions(statementsOfRole(app, taskRoleOf('task')));
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^dynamodb:[A-Za-z]+$/);
  });

  it('lets the user service use the table and look up and delete accounts in the pool', () => {
    const statements = statementsOfRole(app, taskRoleOf('user')).filter(
      (s) => s.effect === 'Allow',
    );
    const cognito = statements.filter((s) => s.actions.some((a) => a.startsWith('cognito-idp:')));
    expect(cognito).toHaveLength(1);
    expect(cognito[0]?.sid).toBe('ManageUserPoolAccounts');
    expect([...(cognito[0]?.actions ?? [])].sort()).toEqual([
      'cognito-idp:AdminDeleteUser',
      'cognito-idp:AdminGetUser',
    ]);
    expect(cognito[0]?.condition).toBeUndefined();
    // The pool's ARN from the data stack, and nothing else.
    expect(cognito[0]?.resources).toHaveLength(1);
    expect(JSON.stringify(cognito[0]?.resources[0])).toMatch(/AuthUserPool\w*Arn/);
    for (const action of dataActions(statements.filter((s) => !cognito.includes(s)))) {
      expect(action).toMatch(/^dynamodb:[A-Za-z]+$/);
    }
  });

  it('grants Cognito rights to the user service task role only', () => {
    const userRole = taskRoleOf('user');
    for (const template of Object.values(result.templates)) {
      for (const s of iamStatements(template)) {
        if (s.actions.some((a) => a.startsWith('cognito-idp:'))) {
          expect(s.roles).toEqual([userRole]);
        }
      }
    }
  });

  it('grants every admin call the user service makes in production, and no other', () => {
    const src = join(__dirname, '../../../services/user-service/src');
    const used = new Set<string>();
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      for (const match of readFileSync(join(src, file), 'utf8').matchAll(
        /\bnew (Admin\w+)Command\(/g,
      )) {
        used.add(`cognito-idp:${match[1]}`);
      }
    }
    // Only with AUTO_CONFIRM_SIGNUP, which production refuses.
    used.delete('cognito-idp:AdminConfirmSignUp');
    expect([...used].sort()).toEqual([...USER_POOL_ADMIN_ACTIONS].sort());
  });

  it('lets the notifier also publish to the four topics, encrypt for them, and send SMS', () => {
    const role = roleIdOf(props(taskDefinitionOf('notification')).TaskRoleArn);
    const statements = statementsOfRole(app, role).filter((s) => s.effect === 'Allow');
    const nonData = statements.filter((s) => !s.actions.every((a) => a.startsWith('dynamodb:')));
    // No SES statement in dev: no sender configured (prod checks it).
    expect(nonData.map((s) => s.sid).sort()).toEqual([
      'EncryptForTopics',
      'PublishChannelEvents',
      'SendSmsToPhoneNumbers',
    ]);
    const bySid = (sid: string) => nonData.find((s) => s.sid === sid);
    expect(bySid('PublishChannelEvents')?.actions).toEqual(['sns:Publish']);
    expect(bySid('PublishChannelEvents')?.resources).toHaveLength(4);
    expect([...(bySid('EncryptForTopics')?.actions ?? [])].sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
    ]);
    expect(bySid('EncryptForTopics')?.condition).toEqual({
      StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' },
    });
    expect(bySid('SendSmsToPhoneNumbers')?.actions).toEqual(['sns:Publish']);
  });

  it('grants the table and its named indexes, never index/*', () => {
    for (const serviceId of serviceIds) {
      const role = roleIdOf(props(taskDefinitionOf(serviceId)).TaskRoleArn);
      const resources = statementsOfRole(app, role)
        .filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')))
        .flatMap((s) => s.resources.map((r) => JSON.stringify(r)));
      expect(resources.some((r) => r.includes('table/TaskManagement-dev'))).toBe(true);
      for (const r of resources) expect(r).not.toContain('/index/*');
    }
  });

  it('has no wildcard action on data or messaging in any statement of any stack', () => {
    const dataOrMessaging = /^(dynamodb|sns|sqs|ses|email|kms):/;
    for (const template of Object.values(result.templates)) {
      for (const s of iamStatements(template).filter((x) => x.effect === 'Allow')) {
        for (const action of s.actions) {
          expect(action).not.toBe('*');
          if (dataOrMessaging.test(action) && !action.startsWith('kms:')) {
            expect(action).not.toContain('*');
          }
        }
        const touchesData = s.resources.some((r) =>
          /Table|TaskManagement|Topic|TopicKey/.test(JSON.stringify(r)),
        );
        if (touchesData) {
          for (const action of s.actions) expect(action).not.toContain('*');
        }
      }
    }
  });
});

describe('api', () => {
  function routesByKey(): Record<string, JsonObject> {
    return Object.fromEntries(
      Object.values(resourcesOf(app, 'AWS::ApiGatewayV2::Route')).map((r) => [
        String(props(r).RouteKey),
        props(r),
      ]),
    );
  }

  const healthKeys = Object.values(services).map((s) => `GET /health/${s.name}`);

  it('has one route per route-table path and one health route per service, and no others', () => {
    const expected = [
      ...routes.flatMap((r) => apiGatewayPaths(r).map((p) => `ANY ${p}`)),
      ...healthKeys,
    ];
    expect(Object.keys(routesByKey()).sort()).toEqual(expected.sort());
  });

  it('requires a Cognito access token with the user scope on every jwt route', () => {
    const [authorizerId, authorizer] = only(app, 'AWS::ApiGatewayV2::Authorizer');
    expect(props(authorizer)).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    const jwt = asObject(props(authorizer).JwtConfiguration);
    expect(JSON.stringify(jwt.Issuer)).toContain('cognito-idp.us-east-1.amazonaws.com/');
    expect(asArray(jwt.Audience)).toHaveLength(1);
    const byKey = routesByKey();
    for (const route of routes.filter((r) => r.access === 'jwt')) {
      for (const path of apiGatewayPaths(route)) {
        expect(byKey[`ANY ${path}`]).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
          AuthorizationScopes: [USER_TOKEN_SCOPE],
        });
      }
    }
  });

  it('leaves the authorizer off only /auth and the health probes', () => {
    const open = Object.entries(routesByKey())
      .filter(([, r]) => r.AuthorizationType !== 'JWT')
      .map(([key, r]) => {
        expect(r.AuthorizationType).toBe('NONE');
        expect(r.AuthorizerId).toBeUndefined();
        return key;
      });
    const publicKeys = routes
      .filter((r) => r.access === 'public')
      .flatMap((r) => apiGatewayPaths(r).map((p) => `ANY ${p}`));
    expect(publicKeys.every((k) => k.startsWith('ANY /auth'))).toBe(true);
    expect(open.sort()).toEqual([...publicKeys, ...healthKeys].sort());
  });

  it('reaches the ALB listener through a VPC link with its own security group', () => {
    const [, link] = only(app, 'AWS::ApiGatewayV2::VpcLink');
    const linkSgs = asArray(props(link).SecurityGroupIds).map((g) => JSON.stringify(g));
    expect(linkSgs).toHaveLength(1);
    expect(linkSgs[0]).toContain('ApiVpcLinkSecurityGroup');
    const [listenerId] = only(app, 'AWS::ElasticLoadBalancingV2::Listener');
    for (const integration of Object.values(resourcesOf(app, 'AWS::ApiGatewayV2::Integration'))) {
      expect(props(integration)).toMatchObject({
        IntegrationType: 'HTTP_PROXY',
        ConnectionType: 'VPC_LINK',
        IntegrationUri: { Ref: listenerId },
      });
    }
    const [, linkSg] = Object.entries(resourcesOf(app, 'AWS::EC2::SecurityGroup')).find(([id]) =>
      id.startsWith('ApiVpcLinkSecurityGroup'),
    ) ?? ['', {}];
    expect(props(linkSg).SecurityGroupIngress).toBeUndefined();
  });

  it('maps the health routes to /health/ready with the service header', () => {
    const integrations = Object.values(resourcesOf(app, 'AWS::ApiGatewayV2::Integration')).map(
      props,
    );
    for (const service of Object.values(services)) {
      expect(integrations).toContainEqual(
        expect.objectContaining({
          IntegrationMethod: 'GET',
          RequestParameters: {
            'overwrite:path': service.readinessPath,
            [`overwrite:header.${HEALTH_SERVICE_HEADER}`]: service.id,
          },
        }),
      );
    }
  });

  it('throttles the stage (tighter on /auth) and writes JSON access logs', () => {
    const [, stage] = only(app, 'AWS::ApiGatewayV2::Stage');
    const p = props(stage);
    expect(p).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: {
        'ANY /auth': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
        'ANY /auth/{proxy+}': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      },
    });
    const logs = asObject(p.AccessLogSettings);
    expect(JSON.stringify(logs.DestinationArn)).toContain('ApiAccessLogs');
    expect(JSON.parse(String(logs.Format))).toMatchObject({ requestId: '$context.requestId' });
  });

  it('allows CORS from the web origin only', () => {
    const [, api] = only(app, 'AWS::ApiGatewayV2::Api');
    const cors = asObject(props(api).CorsConfiguration);
    expect(asArray(cors.AllowOrigins)).toHaveLength(1);
    expect(JSON.stringify(cors.AllowOrigins)).toContain('WebDistribution');
    expect(cors.AllowCredentials).toBe(false);
    expect(asArray(cors.AllowHeaders)).toContain('authorization');
  });
});

describe('scheduler', () => {
  it('runs the due-reminder command as a Fargate task every 15 minutes', () => {
    const [, schedule] = only(app, 'AWS::Scheduler::Schedule');
    const p = props(schedule);
    expect(p.ScheduleExpression).toBe('rate(15 minutes)');
    const target = asObject(p.Target);
    const ecsParameters = asObject(target.EcsParameters);
    expect(ecsParameters.LaunchType).toBe('FARGATE');
    expect(
      asObject(asObject(ecsParameters.NetworkConfiguration).AwsvpcConfiguration).AssignPublicIp,
    ).toBe('DISABLED');
    const taskDefId = ref(ecsParameters.TaskDefinitionArn);
    const taskDef = taskDefId ? resourcesOf(app, 'AWS::ECS::TaskDefinition')[taskDefId] : undefined;
    const container = containerOf(taskDef ?? {});
    expect(container.Command).toEqual([...DUE_REMINDER_COMMAND]);
    expect(JSON.stringify(container.Image)).toContain('NotificationServiceImageTag');
    // Same rights as the notification service, nothing extra.
    expect(props(taskDef ?? {}).TaskRoleArn).toEqual(
      props(taskDefinitionOf('notification')).TaskRoleArn,
    );
  });

  it('gives the scheduler role RunTask on that task definition and PassRole for its roles only', () => {
    const [, schedule] = only(app, 'AWS::Scheduler::Schedule');
    const role = roleIdOf(asObject(props(schedule).Target).RoleArn);
    const statements = statementsOfRole(app, role);
    expect(statements.flatMap((s) => s.actions).sort()).toEqual(['ecs:RunTask', 'iam:PassRole']);
    for (const s of statements) {
      for (const r of s.resources) expect(r).not.toBe('*');
    }
  });
});

describe('web hosting', () => {
  it('serves a private bucket through CloudFront with an origin access control', () => {
    const buckets = Object.values(resourcesOf(app, 'AWS::S3::Bucket')).map(props);
    for (const bucket of buckets) {
      expect(bucket.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    app.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [, distribution] = only(app, 'AWS::CloudFront::Distribution');
    const config = asObject(props(distribution).DistributionConfig);
    expect(asObject(asArray(config.Origins)[0]).OriginAccessControlId).toBeDefined();
    expect(asObject(config.DefaultCacheBehavior).ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Logging).toBeDefined();
  });
});

describe('observability', () => {
  const alarmNames = () =>
    Object.values(resourcesOf(app, 'AWS::CloudWatch::Alarm')).map((a) =>
      String(props(a).AlarmName),
    );

  it('alarms on 5xx, p99 latency, unhealthy targets, throttles and failed deliveries', () => {
    const names = alarmNames();
    const expected = [
      'taskmgr-dev-api-5xx',
      'taskmgr-dev-alb-5xx',
      'taskmgr-dev-api-latency-p99',
      'taskmgr-dev-dynamodb-throttles',
      'taskmgr-dev-sns-delivery-failures',
      'taskmgr-dev-notification-delivery-failures',
      'taskmgr-dev-reminder-schedule-errors',
      ...Object.values(services).flatMap((s) => [
        `taskmgr-dev-${s.name}-target-5xx`,
        `taskmgr-dev-${s.name}-latency-p99`,
        `taskmgr-dev-${s.name}-unhealthy-targets`,
        `taskmgr-dev-${s.name}-no-healthy-targets`,
      ]),
    ];
    expect(names.sort()).toEqual(expected.sort());
  });

  it('sends every alarm to the encrypted alarm topic', () => {
    const topicId = Object.entries(resourcesOf(app, 'AWS::SNS::Topic')).find(
      ([, t]) => props(t).TopicName === 'taskmgr-dev-alarms',
    )?.[0];
    expect(topicId).toBeDefined();
    for (const alarm of Object.values(resourcesOf(app, 'AWS::CloudWatch::Alarm'))) {
      expect(props(alarm).AlarmActions).toEqual([{ Ref: topicId }]);
    }
  });

  it('uses p99 for latency and counts delivery failures from the service log', () => {
    const alarms = Object.values(resourcesOf(app, 'AWS::CloudWatch::Alarm')).map(props);
    for (const a of alarms.filter((x) => String(x.AlarmName).includes('latency'))) {
      expect(a.ExtendedStatistic).toBe('p99');
    }
    app.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: `{ $.event = "${DELIVERY_FAILED_EVENT}" }`,
    });
    app.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('pipeline', () => {
  it('goes source → build (buildspec.yml) → deploy, without approval in dev', () => {
    const pipeline = result.templates.pipeline;
    if (!pipeline) throw new Error('pipeline stack missing');
    const [, p] = only(pipeline, 'AWS::CodePipeline::Pipeline');
    const stages = asArray(props(p).Stages).map(asObject);
    expect(stages.map((s) => s.Name)).toEqual(['Source', 'Build', 'Deploy']);
    const sourceAction = asObject(asArray(stages[0]?.Actions)[0]);
    expect(asObject(sourceAction.ActionTypeId).Provider).toBe('CodeStarSourceConnection');
    // A zip (CODE_ZIP, the default) without .git: buildspec.yml needs none (the delivery tests
    // check that it runs no git), so the build roles need no UseConnection for a full clone.
    expect(asObject(sourceAction.Configuration).OutputArtifactFormat).toBeUndefined();
    const projects = Object.values(resourcesOf(pipeline, 'AWS::CodeBuild::Project')).map(props);
    const build = projects.find((x) => x.Name === 'taskmgr-dev-build');
    expect(asObject(build?.Source).BuildSpec).toBe('buildspec.yml');
    expect(asObject(build?.Environment)).toMatchObject({
      Type: 'ARM_CONTAINER',
      PrivilegedMode: true,
    });
    expect(build?.EncryptionKey).toBeDefined();
  });

  it('lets the source action use the connection under the prefix of its ARN, and only it', () => {
    const pipeline = result.templates.pipeline;
    if (!pipeline) throw new Error('pipeline stack missing');
    const [, p] = only(pipeline, 'AWS::CodePipeline::Pipeline');
    const source = asObject(asArray(asObject(asArray(props(p).Stages)[0]).Actions)[0]);
    const statements = statementsOfRole(pipeline, roleIdOf(source.RoleArn));
    const use = statements.filter((s) => s.actions.some((a) => a.endsWith(':UseConnection')));
    expect(use.flatMap((s) => s.actions).sort()).toEqual([
      'codeconnections:UseConnection',
      'codestar-connections:UseConnection',
    ]);
    for (const s of use) expect(s.resources).toEqual([DEV_CONTEXT.pipelineConnectionArn]);
    // Only the source action touches the connection.
    const users = iamStatements(pipeline).filter((s) =>
      s.actions.some((a) => a.endsWith(':UseConnection')),
    );
    expect(new Set(users.flatMap((s) => s.roles))).toEqual(new Set([roleIdOf(source.RoleArn)]));
  });

  const deployProject = (pipeline: Template) => {
    const project = Object.values(resourcesOf(pipeline, 'AWS::CodeBuild::Project')).find(
      (x) => props(x).Name === 'taskmgr-dev-deploy',
    );
    if (!project) throw new Error('deploy project missing');
    return props(project);
  };

  /** A value the pipeline stack reads from the app stack: the app stack's own expression. */
  const fromAppStack = (value: Json | undefined): Json | undefined => {
    const output = asObject(asObject(value)['Fn::GetStackOutput']);
    expect(output.StackName).toBe('taskmgr-dev-app');
    const outputs = asObject(asObject(app.toJSON()).Outputs);
    return asObject(outputs[String(output.OutputName)]).Value;
  };

  it('lets the deploy step assume the CDK bootstrap roles and publish the web app, nothing more', () => {
    const pipeline = result.templates.pipeline;
    if (!pipeline) throw new Error('pipeline stack missing');
    const role = roleIdOf(deployProject(pipeline).ServiceRole);
    const statements = statementsOfRole(pipeline, role);
    const assume = statements.filter((s) => s.actions.includes('sts:AssumeRole'));
    expect(assume).toHaveLength(1);
    expect(assume[0]?.resources.map(String).sort()).toEqual(
      ['deploy', 'file-publishing', 'lookup'].map(
        (r) => `arn:aws:iam::111111111111:role/cdk-hnb659fds-${r}-role-111111111111-us-east-1`,
      ),
    );

    // ci:web: the app stack's outputs, the site bucket and its objects, the distribution.
    const web = Object.fromEntries(
      statements.filter((s) => s.sid && s.sid !== 'AssumeCdkBootstrapRoles').map((s) => [s.sid, s]),
    );
    expect(Object.keys(web).sort()).toEqual([
      'InvalidateWebCache',
      'ListWebBucket',
      'ReadAppStackOutputs',
      'WriteWebObjects',
    ]);
    expect(web.ReadAppStackOutputs).toMatchObject({
      effect: 'Allow',
      actions: ['cloudformation:DescribeStacks'],
      resources: ['arn:aws:cloudformation:us-east-1:111111111111:stack/taskmgr-dev-app/*'],
    });
    const site = logicalId(result.stacks.app.web.bucket);
    const siteArn = { 'Fn::GetAtt': [site, 'Arn'] };
    expect(web.ListWebBucket?.actions).toEqual(['s3:ListBucket']);
    expect(web.ListWebBucket?.resources.map(fromAppStack)).toEqual([siteArn]);
    expect([...(web.WriteWebObjects?.actions ?? [])].sort()).toEqual([
      's3:DeleteObject',
      's3:PutObject',
    ]);
    const [objects] = web.WriteWebObjects?.resources ?? [];
    const [bucketArn, suffix] = asArray(asArray(asObject(objects)['Fn::Join'])[1]);
    expect([fromAppStack(bucketArn), suffix]).toEqual([siteArn, '/*']);
    expect(web.InvalidateWebCache?.actions).toEqual(['cloudfront:CreateInvalidation']);
    const [distribution] = web.InvalidateWebCache?.resources ?? [];
    const [prefix, id] = asArray(asArray(asObject(distribution)['Fn::Join'])[1]);
    expect(prefix).toBe('arn:aws:cloudfront::111111111111:distribution/');
    expect(fromAppStack(id)).toEqual({ Ref: logicalId(result.stacks.app.web.distribution) });

    // Everything else is CodeBuild's own logs/reports and reading the source artifact.
    for (const action of statements.filter((s) => !s.sid).flatMap((s) => s.actions)) {
      expect(action).toMatch(/^(logs:|codebuild:|s3:(Get|List)|kms:)/);
    }
  });

  it('publishes the web app with the root script once cdk deploy is done', () => {
    const pipeline = result.templates.pipeline;
    if (!pipeline) throw new Error('pipeline stack missing');
    const project = deployProject(pipeline);
    const spec = JSON.parse(String(asObject(project.Source).BuildSpec)) as {
      phases: { build: { commands: string[] } };
    };
    const commands = spec.phases.build.commands;
    expect(commands).toHaveLength(2);
    expect(commands[0]).toContain('npx cdk deploy taskmgr-dev-app --exclusively');
    // The first command leaves the shell in infra/; the script is the repository root's.
    expect(commands[1]).toBe(`cd "$CODEBUILD_SRC_DIR" && ${PUBLISH_WEB_COMMAND}`);
    expect(asArray(asObject(project.Environment).EnvironmentVariables)).toContainEqual({
      Name: 'ENV_NAME',
      Type: 'PLAINTEXT',
      Value: 'dev',
    });
  });
});

describe('cdk-nag and warnings', () => {
  it('has no unacknowledged AwsSolutions findings (errors or warnings)', () => {
    expect(nagViolations(result.app)).toEqual([]);
  });

  it('acknowledges only findings that exist (no stale or misspelt acknowledgements)', () => {
    expect(unusedAcknowledgements(result.app)).toEqual([]);
  });

  it('gives every acknowledgement a written reason', () => {
    const acks = nagAcknowledgements(result.app);
    expect(acks.length).toBeGreaterThan(10);
    for (const ack of acks) {
      expect(ack.reason.trim().length).toBeGreaterThanOrEqual(40);
    }
  });

  it('has no warnings or errors from the CDK constructs', () => {
    for (const stack of [result.stacks.registry, result.stacks.data, result.stacks.app]) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
      expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    }
  });
});
