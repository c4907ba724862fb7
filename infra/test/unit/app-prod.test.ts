/**
 * The prod deployment with every option on: CodeDeploy blue/green, a custom domain (the app
 * in eu-west-1, the CloudFront certificate in us-east-1), an SES sender, alarms by email and
 * a pipeline with manual approval. Synthesized once.
 */
import { services } from '@taskmgr/route-table';
import type { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { TEST_LISTENER_PORT } from '../../lib/services';
import { roleIdOf, statementsOfRole } from './support/iam';
import {
  asArray,
  asObject,
  type JsonObject,
  nagViolations,
  PROD_CONTEXT,
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
  result = synthesize(PROD_CONTEXT);
  app = result.templates.app;
});

function values(template: Template, type: string): JsonObject[] {
  return Object.values(resourcesOf(template, type)).map(props);
}

describe('prod sizing and protection', () => {
  it('has a NAT gateway per AZ', () => {
    app.resourceCountIs('AWS::EC2::NatGateway', 2);
  });

  it('turns on termination protection for every stack', () => {
    for (const stack of [result.stacks.registry, result.stacks.data, result.stacks.app]) {
      expect(stack.terminationProtection).toBe(true);
    }
  });

  it('keeps two tasks per service at least and logs for a year', () => {
    for (const target of values(app, 'AWS::ApplicationAutoScaling::ScalableTarget')) {
      expect(target.MinCapacity).toBe(2);
      expect(target.MaxCapacity).toBe(10);
    }
    const retention = values(app, 'AWS::Logs::LogGroup').map((g) => g.RetentionInDays);
    expect(new Set(retention)).toEqual(new Set([365]));
  });

  it('runs the reminder job at the configured interval', () => {
    app.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(10 minutes)',
    });
  });
});

describe('blue/green deployments', () => {
  it('hands every service to CodeDeploy (no circuit breaker there)', () => {
    for (const service of values(app, 'AWS::ECS::Service')) {
      expect(service.DeploymentController).toEqual({ Type: 'CODE_DEPLOY' });
      expect(asObject(service.DeploymentConfiguration).DeploymentCircuitBreaker).toBeUndefined();
    }
  });

  it('has a deployment group per service with two target groups, the test listener and rollback', () => {
    const listeners = Object.entries(resourcesOf(app, 'AWS::ElasticLoadBalancingV2::Listener'));
    const testListener = listeners.find(([, l]) => props(l).Port === TEST_LISTENER_PORT);
    expect(testListener).toBeDefined();
    expect(props(testListener?.[1] ?? {}).DefaultActions).toEqual([
      expect.objectContaining({
        Type: 'fixed-response',
        FixedResponseConfig: expect.objectContaining({ StatusCode: '404' }),
      }),
    ]);
    const groups = values(app, 'AWS::CodeDeploy::DeploymentGroup');
    expect(groups.map((g) => g.DeploymentGroupName).sort()).toEqual(
      Object.values(services)
        .map((s) => `taskmgr-prod-${s.name}`)
        .sort(),
    );
    for (const group of groups) {
      expect(group.DeploymentStyle).toEqual({
        DeploymentOption: 'WITH_TRAFFIC_CONTROL',
        DeploymentType: 'BLUE_GREEN',
      });
      expect(group.DeploymentConfigName).toBe('CodeDeployDefault.ECSCanary10Percent5Minutes');
      const pair = asObject(asArray(asObject(group.LoadBalancerInfo).TargetGroupPairInfoList)[0]);
      expect(asArray(pair.TargetGroups)).toHaveLength(2);
      expect(asObject(pair.TestTrafficRoute).ListenerArns).toEqual([{ Ref: testListener?.[0] }]);
      expect(asArray(asObject(group.AutoRollbackConfiguration).Events)).toEqual(
        expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
      );
      expect(asArray(asObject(group.AlarmConfiguration).Alarms)).toHaveLength(1);
    }
  });

  it('opens the test listener to the VPC only', () => {
    const ingress = values(app, 'AWS::EC2::SecurityGroup').flatMap((sg) =>
      asArray(sg.SecurityGroupIngress).map(asObject),
    );
    const testRule = ingress.find((r) => r.FromPort === TEST_LISTENER_PORT);
    expect(testRule?.CidrIp).toBe('10.40.0.0/16');
  });

  it('does not scale on one target group’s request count (traffic moves between groups)', () => {
    const types = values(app, 'AWS::ApplicationAutoScaling::ScalingPolicy').map(
      (p) =>
        asObject(asObject(p.TargetTrackingScalingPolicyConfiguration).PredefinedMetricSpecification)
          .PredefinedMetricType,
    );
    expect(types).not.toContain('ALBRequestCountPerTarget');
    expect(types.filter((t) => t === 'ECSServiceAverageCPUUtilization')).toHaveLength(3);
  });
});

describe('custom domains', () => {
  it('puts the CloudFront certificate in a us-east-1 stack', () => {
    const edge = result.templates.edge;
    expect(result.stacks.edge?.region).toBe('us-east-1');
    edge?.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'app.example.com',
      ValidationMethod: 'DNS',
    });
  });

  it('serves the web app on app.<zone> with TLS 1.2 and the API on api.<zone>', () => {
    const [distribution] = values(app, 'AWS::CloudFront::Distribution');
    const config = asObject(distribution?.DistributionConfig);
    expect(config.Aliases).toEqual(['app.example.com']);
    expect(asObject(config.ViewerCertificate)).toMatchObject({
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(JSON.stringify(asObject(config.ViewerCertificate).AcmCertificateArn)).toContain(
      'taskmgr-prod-edge',
    );
    const [domain] = values(app, 'AWS::ApiGatewayV2::DomainName');
    expect(domain?.DomainName).toBe('api.example.com');
    expect(asArray(domain?.DomainNameConfigurations)).toEqual([
      expect.objectContaining({ EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }),
    ]);
    const records = values(app, 'AWS::Route53::RecordSet').map((r) => `${r.Type} ${r.Name}`);
    expect(records.sort()).toEqual(
      ['A api.example.com.', 'A app.example.com.', 'AAAA app.example.com.'].sort(),
    );
  });

  it('allows CORS from the custom web origin', () => {
    const [api] = values(app, 'AWS::ApiGatewayV2::Api');
    expect(asObject(api?.CorsConfiguration).AllowOrigins).toEqual(['https://app.example.com']);
  });
});

describe('notification sender', () => {
  it('lets the notifier send mail only as the configured sender', () => {
    const taskDefs = values(app, 'AWS::ECS::TaskDefinition');
    const notification = taskDefs.find(
      (t) => asObject(asArray(t.ContainerDefinitions)[0]).Name === 'notification-service',
    );
    const env = asArray(asObject(asArray(notification?.ContainerDefinitions)[0]).Environment);
    expect(env).toContainEqual({ Name: 'NOTIFICATION_EMAIL_FROM', Value: 'no-reply@example.com' });
    const role = roleIdOf(notification?.TaskRoleArn);
    const ses = statementsOfRole(app, role).find((s) => s.sid === 'SendEmailAsSender');
    expect(ses?.actions).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(ses?.condition).toEqual({
      StringEquals: { 'ses:FromAddress': 'no-reply@example.com' },
    });
    expect(JSON.stringify(ses?.resources)).not.toContain('"*"');
  });

  it('mails the alarms to the on-call address', () => {
    app.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
  });
});

describe('pipeline', () => {
  it('waits for approval, then deploys the infrastructure and shifts each service with CodeDeploy', () => {
    const pipeline = result.templates.pipeline;
    const [p] = pipeline ? values(pipeline, 'AWS::CodePipeline::Pipeline') : [];
    const stages = asArray(p?.Stages).map(asObject);
    expect(stages.map((s) => s.Name)).toEqual(['Source', 'Build', 'Approve', 'Deploy']);
    const deploy = asArray(stages[3]?.Actions).map(asObject);
    expect(deploy.map((a) => `${asObject(a.ActionTypeId).Provider}:${a.RunOrder}`).sort()).toEqual(
      ['CodeBuild:1', 'CodeDeployToECS:2', 'CodeDeployToECS:2', 'CodeDeployToECS:2'].sort(),
    );
    const build = asObject(asArray(stages[1]?.Actions)[0]);
    expect(asArray(build.OutputArtifacts).map((a) => asObject(a).Name)).toEqual([
      'build',
      'user_service',
      'task_service',
      'notification_service',
    ]);
  });

  it('may assume the bootstrap roles in both the app region and us-east-1', () => {
    const pipeline = result.templates.pipeline;
    const resources = pipeline
      ? values(pipeline, 'AWS::IAM::Policy').flatMap((policy) =>
          asArray(asObject(policy.PolicyDocument).Statement)
            .map(asObject)
            .filter((s) => s.Action === 'sts:AssumeRole' && s.Sid === 'AssumeCdkBootstrapRoles')
            .flatMap((s) => asArray(s.Resource).map(String)),
        )
      : [];
    expect(resources.some((r) => r.endsWith('-eu-west-1'))).toBe(true);
    expect(resources.some((r) => r.endsWith('-us-east-1'))).toBe(true);
  });

  it("publishes the web app of the prod app stack, in the app's region", () => {
    const pipeline = result.templates.pipeline;
    const statements = pipeline
      ? values(pipeline, 'AWS::IAM::Policy').flatMap((policy) =>
          asArray(asObject(policy.PolicyDocument).Statement).map(asObject),
        )
      : [];
    const describe = statements.filter((s) => s.Sid === 'ReadAppStackOutputs');
    expect(describe.map((s) => s.Resource)).toEqual([
      'arn:aws:cloudformation:eu-west-1:111111111111:stack/taskmgr-prod-app/*',
    ]);
    const sids = statements.map((s) => s.Sid).filter((sid) => typeof sid === 'string');
    expect(sids).toEqual(expect.arrayContaining(['ListWebBucket', 'WriteWebObjects']));
    expect(sids).toContain('InvalidateWebCache');
  });
});

describe('cdk-nag and warnings', () => {
  it('has no unacknowledged AwsSolutions findings', () => {
    expect(nagViolations(result.app)).toEqual([]);
  });

  it('acknowledges only findings that exist', () => {
    expect(unusedAcknowledgements(result.app)).toEqual([]);
  });

  it('has no warnings or errors from the CDK constructs', () => {
    const { registry, data, app: appStack, edge } = result.stacks;
    const stacks: Stack[] = [registry, data, appStack, ...(edge ? [edge] : [])];
    for (const stack of stacks) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
      expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    }
  });
});
