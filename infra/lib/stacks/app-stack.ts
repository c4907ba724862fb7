import { tableDefinition } from '@taskmgr/dynamo';
import { CONTAINER_PORT, type ServiceId, services } from '@taskmgr/route-table';
import { CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import type * as certificatemanager from 'aws-cdk-lib/aws-certificatemanager';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { Api } from '../api';
import { passwordPolicyEnvironment } from '../auth';
import { createLogBucket } from '../buckets';
import { type AppConfig, IMAGE_TAG_PATTERN } from '../config';
import { tableNameFor } from '../data';
import { Domains } from '../domains';
import { type PlainEnvName, SHUTDOWN_TIMEOUT_MS } from '../env-contract';
import { NOTIFICATION_TOPICS } from '../messaging';
import { Network } from '../network';
import { Observability } from '../observability';
import { imageTagParameterName } from '../pipeline';
import { ReminderScheduler } from '../scheduler';
import { Services, TRUST_PROXY_HOPS } from '../services';
import { WebHosting } from '../web';
import type { DataStack } from './data-stack';
import type { RegistryStack } from './registry-stack';

export interface AppStackProps extends StackProps {
  readonly config: AppConfig;
  readonly registry: RegistryStack;
  readonly data: DataStack;
  /** From the us-east-1 edge stack when this stack lives elsewhere and a domain is set. */
  readonly webCertificate?: certificatemanager.ICertificate;
}

/** Services reject bodies above this (BODY_LIMIT_BYTES); the API has a 10 MB hard limit. */
const BODY_LIMIT_BYTES = 1_048_576;

/**
 * The compute and the edges: network, ECS services behind the internal ALB, the HTTP API, the
 * reminder schedule, web hosting, domains, and the dashboard and alarms.
 */
export class AppStack extends Stack {
  readonly network: Network;
  readonly services: Services;
  readonly api: Api;
  readonly scheduler: ReminderScheduler;
  readonly web: WebHosting;
  readonly observability: Observability;
  readonly domains?: Domains;
  readonly imageTagParameters: Readonly<Record<ServiceId, CfnParameter>>;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { data, auth, messaging } = props.data;
    // The table is addressed by its fixed name: no export ties this stack to the data stack's
    // outputs, and the grants below are exactly the table and its named indexes.
    this.addStackDependency(props.data, 'the table is addressed by name');
    const table = dynamodb.Table.fromTableAttributes(this, 'Table', {
      tableArn: this.formatArn({
        service: 'dynamodb',
        resource: 'table',
        resourceName: tableNameFor(config.envName),
      }),
    });
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    // Images are built and pushed by the pipeline; the stack only names the tag to run.
    const tagParameters: Partial<Record<ServiceId, CfnParameter>> = {};
    for (const service of Object.values(services)) {
      tagParameters[service.id] = new CfnParameter(this, imageTagParameterName(service.name), {
        type: 'String',
        description: `Tag of the ${service.name} image in ECR (set by the pipeline)`,
        allowedPattern: IMAGE_TAG_PATTERN.source,
        ...(config.imageTag ? { default: config.imageTag } : {}),
      });
    }
    this.imageTagParameters = tagParameters as Record<ServiceId, CfnParameter>;
    const imageTags = Object.fromEntries(
      Object.entries(this.imageTagParameters).map(([serviceId, p]) => [serviceId, p.valueAsString]),
    ) as Record<ServiceId, string>;

    this.network = new Network(this, 'Network', {
      natGateways: config.natGateways,
      logRetention,
      retainData: config.retainData,
      flowLogAllTraffic: config.envName === 'prod',
    });
    const logBucket = createLogBucket(this, 'AccessLogs', {
      retainData: config.retainData,
      allowAcls: true,
    });

    if (config.domain) {
      this.domains = new Domains(this, 'Domains', {
        domain: config.domain,
        inUsEast1: this.region === 'us-east-1',
        ...(props.webCertificate ? { webCertificate: props.webCertificate } : {}),
      });
    }

    this.web = new WebHosting(this, 'Web', {
      retainData: config.retainData,
      logBucket,
      ...(this.domains
        ? {
            customDomain: {
              domainName: this.domains.webDomainName,
              certificate: this.domains.webCertificate,
            },
          }
        : {}),
    });
    const corsOrigins = [config.webOrigin ?? this.web.origin, ...config.additionalCorsOrigins];

    const topicArns = Object.fromEntries(
      NOTIFICATION_TOPICS.map((t) => [t.env, messaging.topics[t.env].topicArn]),
    ) as Record<(typeof NOTIFICATION_TOPICS)[number]['env'], string>;
    const environment: Record<PlainEnvName, string> = {
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: String(CONTAINER_PORT),
      LOG_LEVEL: 'info',
      CORS_ORIGINS: corsOrigins.join(','),
      BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      // Client → API Gateway → VPC link → ALB → task; why that is 2 is at the constant.
      TRUST_PROXY_HOPS: String(TRUST_PROXY_HOPS),
      AWS_REGION: this.region,
      DYNAMODB_TABLE_NAME: table.tableName,
      COGNITO_USER_POOL_ID: auth.userPool.userPoolId,
      COGNITO_CLIENT_ID: auth.webClient.userPoolClientId,
      COGNITO_ISSUER: auth.issuer,
      // The pool's own policy, so the service's pre-check can never disagree with Cognito.
      ...passwordPolicyEnvironment(auth.passwordPolicy),
      ...topicArns,
      // Empty without an SES sender: the email channel then reports itself unconfigured.
      NOTIFICATION_EMAIL_FROM: config.notificationEmailFrom ?? '',
      // The scheduler runs the one-shot job; the service's own timer stays off.
      REMINDER_INTERVAL_SECONDS: '0',
    };

    this.services = new Services(this, 'Services', {
      prefix: config.prefix,
      vpc: this.network.vpc,
      repositories: props.registry.registry.repositories,
      imageTags,
      table,
      indexNames: [
        ...tableDefinition.globalSecondaryIndexes,
        ...tableDefinition.localSecondaryIndexes,
      ].map((i) => i.indexName),
      messaging,
      smsDirectPublish: config.smsDirectPublish,
      cursorSecret: data.cursorSecret,
      userPool: auth.userPool,
      environment,
      scaling: config.scaling,
      logRetention,
      retainData: config.retainData,
      blueGreen: config.blueGreen,
      accessLogBucket: logBucket,
    });

    this.api = new Api(this, 'Api', {
      prefix: config.prefix,
      vpc: this.network.vpc,
      loadBalancer: this.services.loadBalancer,
      listener: this.services.listener,
      userPool: auth.userPool,
      userPoolClient: auth.webClient,
      corsOrigins,
      throttle: config.apiThrottle,
      authThrottle: config.authThrottle,
      logRetention,
      retainData: config.retainData,
      ...(this.domains
        ? {
            customDomain: {
              domainName: this.domains.apiDomainName,
              certificate: this.domains.apiCertificate,
            },
          }
        : {}),
    });

    if (this.domains) {
      if (this.api.domainName) this.domains.addApiRecords(this.api.domainName);
      this.domains.addWebRecords(this.web.distribution);
    }

    this.scheduler = new ReminderScheduler(this, 'Scheduler', {
      prefix: config.prefix,
      cluster: this.services.cluster,
      vpc: this.network.vpc,
      job: this.services.notificationJob,
      intervalMinutes: config.reminderIntervalMinutes,
    });

    this.observability = new Observability(this, 'Observability', {
      prefix: config.prefix,
      retainData: config.retainData,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      api: this.api.httpApi,
      loadBalancer: this.services.loadBalancer,
      running: this.services.running,
      table,
      globalIndexNames: tableDefinition.globalSecondaryIndexes.map((i) => i.indexName),
      topics: Object.values(messaging.topics),
      scheduleGroup: this.scheduler.group,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'WebUrl', { value: this.web.origin });
    new CfnOutput(this, 'WebBucketName', { value: this.web.bucket.bucketName });
    new CfnOutput(this, 'WebDistributionId', { value: this.web.distribution.distributionId });
    // The web build shows the pool's policy on the register form (the API enforces it).
    new CfnOutput(this, 'PasswordMinLength', { value: String(auth.passwordPolicy.minLength) });
    new CfnOutput(this, 'PasswordRequireSymbol', {
      value: String(auth.passwordPolicy.requireSymbols),
    });
    new CfnOutput(this, 'ClusterName', { value: this.services.cluster.clusterName });
    new CfnOutput(this, 'DashboardName', {
      value: this.observability.dashboard.dashboardName,
    });
  }
}
