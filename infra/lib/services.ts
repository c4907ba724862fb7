import {
  albPathPatterns,
  CONTAINER_PORT,
  type ServiceDefinition,
  type ServiceId,
  services as serviceDefinitions,
} from '@taskmgr/route-table';
import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { ScalingConfig } from './config';
import { environmentFor, type PlainEnvName, serviceEnvironment } from './env-contract';
import type { Messaging } from './messaging';
import { acknowledge } from './nag';
import { VPC_CIDR } from './network';

/** The production listener; API Gateway's VPC link is its only client. */
export const LISTENER_PORT = 80;
/** CodeDeploy's test listener (blue/green only): the replacement tasks before the switch. */
export const TEST_LISTENER_PORT = 8080;
/**
 * Health routes on the API carry this header (set by API Gateway, not the client) so one ALB
 * rule per service can send `/health/ready` to the right target group.
 */
export const HEALTH_SERVICE_HEADER = 'x-taskmgr-health-service';

/**
 * Proxies between the client and a task, for the client IP (rate limits, logs). API Gateway
 * appends the caller's address to X-Forwarded-For; the ALB appends the address it was reached
 * from (a VPC link ENI) and the task sees the ALB as the peer. Trusting 2 hops (the ALB peer,
 * then the VPC link entry) lands on the address API Gateway added. 1 would make every caller
 * the VPC link; 3 would trust whatever X-Forwarded-For the client sent.
 */
export const TRUST_PROXY_HOPS = 2;

/**
 * The Cognito admin calls the user service makes in production (account lookup and the
 * deletion of failed or closed registrations). AdminConfirmSignUp is left out: only
 * AUTO_CONFIRM_SIGNUP uses it, and production refuses that setting.
 */
export const USER_POOL_ADMIN_ACTIONS = [
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminDeleteUser',
] as const;

/** ECS sends SIGTERM, then SIGKILL after this. Above SHUTDOWN_TIMEOUT_MS so the drain finishes. */
export const STOP_TIMEOUT = Duration.seconds(30);
/**
 * After a target is deregistered the ALB stops routing new requests to it but lets in-flight
 * ones finish for this long; only then does ECS send SIGTERM. API Gateway gives up on an
 * integration after 30 s, so no useful request outlives 30 s; the service's own 25 s drain then
 * covers connections that raced the deregistration, inside the 30 s stop timeout.
 */
export const DEREGISTRATION_DELAY = Duration.seconds(30);

const NOT_FOUND_BODY = JSON.stringify({
  type: 'about:blank',
  title: 'Not Found',
  status: 404,
  detail: 'No service handles this path.',
});

export interface ServicesProps {
  readonly prefix: string;
  readonly vpc: ec2.IVpc;
  readonly repositories: Readonly<Record<ServiceId, ecr.IRepository>>;
  /** Image tag per service (CloudFormation parameters). */
  readonly imageTags: Readonly<Record<ServiceId, string>>;
  readonly table: dynamodb.ITable;
  /** Indexes the services query; each gets its own read-only grant (no `index/*`). */
  readonly indexNames: readonly string[];
  readonly messaging: Messaging;
  /** Adds sns:Publish on "*" to the notifier, for SMS to phone numbers. */
  readonly smsDirectPublish: boolean;
  readonly cursorSecret: secretsmanager.ISecret;
  /** The user service manages accounts in this pool (USER_POOL_ADMIN_ACTIONS). */
  readonly userPool: cognito.IUserPool;
  /** Every plain variable; each service gets the subset it declares. */
  readonly environment: Readonly<Record<PlainEnvName, string>>;
  readonly scaling: ScalingConfig;
  readonly logRetention: logs.RetentionDays;
  readonly retainData: boolean;
  readonly blueGreen: boolean;
  readonly accessLogBucket: s3.IBucket;
}

/** What a one-shot job needs to run the notification image with the same config and rights. */
export interface JobSource {
  readonly image: ecs.ContainerImage;
  readonly environment: Record<string, string>;
  readonly secrets: Record<string, ecs.Secret>;
  readonly logGroup: logs.ILogGroup;
  readonly taskRole: iam.IRole;
  readonly executionRole: iam.IRole;
  readonly cpu: number;
  readonly memoryMiB: number;
}

export interface RunningService {
  readonly definition: ServiceDefinition;
  readonly service: ecs.FargateService;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly logGroup: logs.LogGroup;
  /** Receives production traffic at deploy time (the blue group in blue/green). */
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly greenTargetGroup?: elbv2.ApplicationTargetGroup;
  /** Every group that can carry production traffic (both in blue/green). */
  readonly targetGroups: readonly elbv2.ApplicationTargetGroup[];
  readonly deploymentGroup?: codedeploy.EcsDeploymentGroup;
  /** Fires on target 5xx; rolls back a deployment. */
  readonly deploymentAlarm: cloudwatch.Alarm;
}

/**
 * The ECS cluster, the internal ALB and the three Fargate services. Routing comes from the
 * shared route table; anything it does not list gets a 404 from the ALB itself.
 */
export class Services extends Construct {
  readonly cluster: ecs.Cluster;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly listener: elbv2.ApplicationListener;
  readonly testListener?: elbv2.ApplicationListener;
  readonly running: Readonly<Record<ServiceId, RunningService>>;
  readonly notificationJob: JobSource;

  constructor(scope: Construct, id: string, props: ServicesProps) {
    super(scope, id);
    const { vpc } = props;

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      clusterName: props.prefix,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    const albSecurityGroup = new ec2.SecurityGroup(this, 'AlbSecurityGroup', {
      vpc,
      description: 'Internal ALB: reachable from the API Gateway VPC link only',
      allowAllOutbound: false,
    });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc,
      internetFacing: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroup: albSecurityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection: props.retainData,
    });
    this.loadBalancer.logAccessLogs(props.accessLogBucket, 'alb');

    this.listener = this.loadBalancer.addListener('Http', {
      port: LISTENER_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      // Not open to the world: ingress is granted to the VPC link's security group only.
      open: false,
      defaultAction: notFound(),
    });
    if (props.blueGreen) {
      this.testListener = this.loadBalancer.addListener('Test', {
        port: TEST_LISTENER_PORT,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: notFound(),
      });
      // Smoke tests of the replacement tasks run from inside the VPC (a task or a hook Lambda).
      albSecurityGroup.addIngressRule(
        ec2.Peer.ipv4(VPC_CIDR),
        ec2.Port.tcp(TEST_LISTENER_PORT),
        'CodeDeploy test listener, from inside the VPC',
      );
    }

    const running: Partial<Record<ServiceId, RunningService>> = {};
    const order: ServiceId[] = ['user', 'task', 'notification'];
    order.forEach((serviceId, index) => {
      running[serviceId] = this.addService(serviceDefinitions[serviceId], index, props);
    });
    this.running = running as Record<ServiceId, RunningService>;

    const notification = this.running.notification;
    const container = notification.taskDefinition.defaultContainer;
    if (!container) throw new Error('notification task definition has no container');
    this.notificationJob = {
      image: ecs.ContainerImage.fromEcrRepository(
        props.repositories.notification,
        props.imageTags.notification,
      ),
      environment: environmentFor('notification', props.environment),
      secrets: this.secretsFor('notification', props.cursorSecret),
      logGroup: notification.logGroup,
      taskRole: notification.taskDefinition.taskRole,
      executionRole: notification.taskDefinition.obtainExecutionRole(),
      cpu: props.scaling.cpu,
      memoryMiB: props.scaling.memoryMiB,
    };
  }

  /** Only the secrets the service reads, so no other execution role can fetch them. */
  private secretsFor(
    serviceId: ServiceId,
    cursorSecret: secretsmanager.ISecret,
  ): Record<string, ecs.Secret> {
    const secrets: Record<string, ecs.Secret> = {};
    for (const name of serviceEnvironment[serviceId].secrets) {
      secrets[name] = ecs.Secret.fromSecretsManager(cursorSecret);
    }
    return secrets;
  }

  private addService(def: ServiceDefinition, index: number, props: ServicesProps): RunningService {
    const scope = new Construct(this, pascal(def.name));

    const logGroup = new logs.LogGroup(scope, 'Logs', {
      logGroupName: `/ecs/${props.prefix}/${def.name}`,
      retention: props.logRetention,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const taskDefinition = new ecs.FargateTaskDefinition(scope, 'TaskDefinition', {
      family: `${props.prefix}-${def.name}`,
      cpu: props.scaling.cpu,
      memoryLimitMiB: props.scaling.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    // The root filesystem is read-only; Node and its libraries may still need a scratch dir.
    taskDefinition.addVolume({ name: 'tmp' });

    const container = taskDefinition.addContainer(def.name, {
      containerName: def.name,
      image: ecs.ContainerImage.fromEcrRepository(
        props.repositories[def.id],
        props.imageTags[def.id],
      ),
      essential: true,
      portMappings: [{ containerPort: CONTAINER_PORT, name: 'http' }],
      environment: environmentFor(def.id, props.environment),
      secrets: this.secretsFor(def.id, props.cursorSecret),
      logging: ecs.LogDrivers.awsLogs({
        logGroup,
        streamPrefix: def.name,
        mode: ecs.AwsLogDriverMode.NON_BLOCKING,
        maxBufferSize: Size.mebibytes(25),
      }),
      stopTimeout: STOP_TIMEOUT,
      readonlyRootFilesystem: true,
      // Liveness only: readiness (the table, Cognito) is the ALB's business, and a dependency
      // outage must not make ECS kill every task at once.
      healthCheck: {
        command: [
          'CMD',
          'node',
          '-e',
          `fetch('http://127.0.0.1:${CONTAINER_PORT}${def.healthPath}').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))`,
        ],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
    });
    container.addMountPoints({ containerPath: '/tmp', sourceVolume: 'tmp', readOnly: false });
    acknowledge(
      taskDefinition,
      'AwsSolutions-ECS2',
      'The plain environment carries only non-secret configuration (names, ARNs, ports, limits) with the same names as docker-compose; the one secret, CURSOR_SECRET, is injected from Secrets Manager into the services that read it.',
    );

    // Least privilege: the table's items and queries on its named indexes; on top, the pool's
    // admin calls for the user service and publishing for the notifier.
    props.table.grantReadWriteData(taskDefinition.taskRole);
    taskDefinition.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'QueryIndexes',
        actions: ['dynamodb:Query', 'dynamodb:Scan'],
        resources: props.indexNames.map((name) => `${props.table.tableArn}/index/${name}`),
      }),
    );
    if (def.id === 'user') {
      taskDefinition.taskRole.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ManageUserPoolAccounts',
          actions: [...USER_POOL_ADMIN_ACTIONS],
          resources: [props.userPool.userPoolArn],
        }),
      );
    }
    if (def.id === 'notification') {
      props.messaging.grantNotify(taskDefinition.taskRole);
      if (props.smsDirectPublish) {
        acknowledge(
          taskDefinition.taskRole,
          'AwsSolutions-IAM5[Resource::*]',
          'sns:Publish (only that action) on "*" is how IAM allows an SMS straight to a phone number: SNS has no ARN for a phone number. Turned off with smsDirectPublish=false.',
        );
      }
    }
    acknowledge(
      taskDefinition.obtainExecutionRole(),
      'AwsSolutions-IAM5[Resource::*]',
      'ecr:GetAuthorizationToken, added by CDK for the image pull, does not support resource-level permissions; the pulls themselves are limited to this service repository.',
    );

    const securityGroup = new ec2.SecurityGroup(scope, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${def.name} tasks: ingress from the ALB only, egress HTTPS only`,
      allowAllOutbound: false,
    });
    // AWS APIs (through the endpoints or NAT) and the Cognito JWKS are all HTTPS.
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs');

    const targetGroup = this.targetGroup(scope, 'TargetGroup', def, props.vpc);
    this.route(scope, this.listener, 'Route', def, index, targetGroup);
    let greenTargetGroup: elbv2.ApplicationTargetGroup | undefined;
    if (props.blueGreen && this.testListener) {
      greenTargetGroup = this.targetGroup(scope, 'GreenTargetGroup', def, props.vpc);
      this.route(scope, this.testListener, 'TestRoute', def, index, greenTargetGroup);
    }
    const targetGroups = greenTargetGroup ? [targetGroup, greenTargetGroup] : [targetGroup];

    const deploymentAlarm = new cloudwatch.Alarm(scope, 'DeploymentAlarm', {
      alarmName: `${props.prefix}-${def.name}-target-5xx`,
      alarmDescription: `${def.name} answers 5xx: rolls back a deployment in progress`,
      // Both groups in blue/green: production traffic alternates between them.
      metric: combineMetrics(
        targetGroups.map((tg) =>
          tg.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
            period: Duration.minutes(1),
            statistic: cloudwatch.Stats.SUM,
          }),
        ),
        'SUM',
        `${def.name} target 5xx`,
        Duration.minutes(1),
      ),
      threshold: 5,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    const service = new ecs.FargateService(scope, 'Service', {
      cluster: this.cluster,
      serviceName: `${props.prefix}-${def.name}`,
      taskDefinition,
      // No desiredCount: CloudFormation would reset a scaled-out service on every deploy.
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [securityGroup],
      assignPublicIp: false,
      healthCheckGracePeriod: Duration.seconds(60),
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableECSManagedTags: true,
      enableExecuteCommand: false,
      ...(props.blueGreen
        ? { deploymentController: { type: ecs.DeploymentControllerType.CODE_DEPLOY } }
        : {
            circuitBreaker: { enable: true, rollback: true },
            // Rolling deployments also roll back when the new tasks answer 5xx.
            deploymentAlarms: {
              alarmNames: [deploymentAlarm.alarmName],
              behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM,
            },
          }),
    });

    service.attachToApplicationTargetGroup(targetGroup);

    let deploymentGroup: codedeploy.EcsDeploymentGroup | undefined;
    if (props.blueGreen && greenTargetGroup && this.testListener) {
      deploymentGroup = new codedeploy.EcsDeploymentGroup(scope, 'DeploymentGroup', {
        deploymentGroupName: `${props.prefix}-${def.name}`,
        service,
        blueGreenDeploymentConfig: {
          blueTargetGroup: targetGroup,
          greenTargetGroup,
          listener: this.listener,
          testListener: this.testListener,
          terminationWaitTime: Duration.minutes(5),
        },
        deploymentConfig: props.retainData
          ? codedeploy.EcsDeploymentConfig.CANARY_10PERCENT_5MINUTES
          : codedeploy.EcsDeploymentConfig.ALL_AT_ONCE,
        alarms: [deploymentAlarm],
        autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
      });
      acknowledge(
        deploymentGroup,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSCodeDeployRoleForECS]',
        'AWSCodeDeployRoleForECS is the service role policy CodeDeploy documents for ECS blue/green; it is scoped by CodeDeploy to the deployment group resources it manages.',
      );
    }

    const scaling = service.autoScaleTaskCount({
      minCapacity: props.scaling.minCount,
      maxCapacity: props.scaling.maxCount,
    });
    scaling.scaleOnCpuUtilization('Cpu', {
      targetUtilizationPercent: props.scaling.cpuTargetPercent,
      scaleInCooldown: Duration.minutes(5),
      scaleOutCooldown: Duration.minutes(1),
    });
    if (!props.blueGreen) {
      // Not in blue/green: after a swap the traffic is on the other target group, and a policy
      // tracking this one would see zero requests and scale the live service in.
      scaling.scaleOnRequestCount('Requests', {
        requestsPerTarget: props.scaling.requestsPerTarget,
        targetGroup,
        scaleInCooldown: Duration.minutes(5),
        scaleOutCooldown: Duration.minutes(1),
      });
    }

    return {
      definition: def,
      service,
      taskDefinition,
      logGroup,
      targetGroup,
      targetGroups,
      ...(greenTargetGroup ? { greenTargetGroup } : {}),
      ...(deploymentGroup ? { deploymentGroup } : {}),
      deploymentAlarm,
    };
  }

  private targetGroup(
    scope: Construct,
    id: string,
    def: ServiceDefinition,
    vpc: ec2.IVpc,
  ): elbv2.ApplicationTargetGroup {
    return new elbv2.ApplicationTargetGroup(scope, id, {
      vpc,
      port: CONTAINER_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      deregistrationDelay: DEREGISTRATION_DELAY,
      healthCheck: {
        path: def.readinessPath,
        healthyHttpCodes: '200',
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });
  }

  /**
   * Path rules from the route table (an ALB condition takes at most 5 values, so long lists
   * are split), plus the header-tagged health rule. Priorities are stable per service.
   */
  private route(
    scope: Construct,
    listener: elbv2.ApplicationListener,
    id: string,
    def: ServiceDefinition,
    index: number,
    targetGroup: elbv2.ApplicationTargetGroup,
  ): void {
    const patterns = albPathPatterns(def.id);
    const chunks: string[][] = [];
    for (let i = 0; i < patterns.length; i += 5) chunks.push(patterns.slice(i, i + 5));
    chunks.forEach((chunk, chunkIndex) => {
      new elbv2.ApplicationListenerRule(scope, `${id}${chunkIndex}`, {
        listener,
        priority: 100 + index * 10 + chunkIndex,
        conditions: [elbv2.ListenerCondition.pathPatterns(chunk)],
        action: elbv2.ListenerAction.forward([targetGroup]),
      });
    });
    new elbv2.ApplicationListenerRule(scope, `${id}Health`, {
      listener,
      priority: 10 + index,
      conditions: [
        elbv2.ListenerCondition.pathPatterns([def.healthPath, def.readinessPath]),
        elbv2.ListenerCondition.httpHeader(HEALTH_SERVICE_HEADER, [def.id]),
      ],
      action: elbv2.ListenerAction.forward([targetGroup]),
    });
  }
}

/**
 * One metric out of several series: the sum (counts) or the maximum (latency percentiles),
 * with missing points as zero so an idle blue/green group does not hide the live one.
 */
export function combineMetrics(
  metrics: readonly cloudwatch.IMetric[],
  fn: 'SUM' | 'MAX',
  label: string,
  period: Duration,
): cloudwatch.IMetric {
  const [first] = metrics;
  if (metrics.length === 1 && first) return first;
  const usingMetrics = Object.fromEntries(metrics.map((m, i) => [`m${i}`, m]));
  const filled = Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`);
  return new cloudwatch.MathExpression({
    expression: fn === 'SUM' ? filled.join(' + ') : `MAX([${filled.join(', ')}])`,
    usingMetrics,
    label,
    period,
  });
}

function notFound(): elbv2.ListenerAction {
  return elbv2.ListenerAction.fixedResponse(404, {
    contentType: 'application/problem+json',
    messageBody: NOT_FOUND_BODY,
  });
}

/** `user-service` → `UserService`. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
