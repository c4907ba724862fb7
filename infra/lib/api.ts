import {
  apiGatewayPaths,
  routes,
  type ServiceDefinition,
  services as serviceDefinitions,
} from '@taskmgr/route-table';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpAlbIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as certificatemanager from 'aws-cdk-lib/aws-certificatemanager';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { USER_TOKEN_SCOPE } from './auth';
import { acknowledge } from './nag';
import { HEALTH_SERVICE_HEADER, LISTENER_PORT, pascal } from './services';

/** Public readiness probe of one service through the API: `GET /health/<service-name>`. */
export function healthRoutePath(service: ServiceDefinition): string {
  return `/health/${service.name}`;
}

export interface ApiProps {
  readonly prefix: string;
  readonly vpc: ec2.IVpc;
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  readonly listener: elbv2.IApplicationListener;
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
  readonly corsOrigins: readonly string[];
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly authThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: logs.RetentionDays;
  readonly retainData: boolean;
  readonly customDomain?: {
    readonly domainName: string;
    readonly certificate: certificatemanager.ICertificate;
  };
}

/**
 * The public entry point: an HTTP API whose routes come from the shared route table. Every
 * route except `/auth/*` and the per-service health probes requires a Cognito access token.
 * Requests go through a VPC link (its own security group) to the internal ALB.
 */
export class Api extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly vpcLinkSecurityGroup: ec2.SecurityGroup;
  readonly accessLogs: logs.LogGroup;
  readonly domainName?: apigwv2.DomainName;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.vpcLinkSecurityGroup = new ec2.SecurityGroup(this, 'VpcLinkSecurityGroup', {
      vpc: props.vpc,
      description: 'API Gateway VPC link: may only reach the internal ALB listener',
      allowAllOutbound: false,
    });
    props.loadBalancer.connections.allowFrom(
      this.vpcLinkSecurityGroup,
      ec2.Port.tcp(LISTENER_PORT),
      'API Gateway VPC link to the ALB listener',
    );
    const vpcLink = new apigwv2.VpcLink(this, 'VpcLink', {
      vpc: props.vpc,
      vpcLinkName: `${props.prefix}-alb`,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.vpcLinkSecurityGroup],
    });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: `${props.prefix}-api`,
      description: 'Task Manager public API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.corsOrigins],
        allowMethods: [
          apigwv2.CorsHttpMethod.GET,
          apigwv2.CorsHttpMethod.POST,
          apigwv2.CorsHttpMethod.PATCH,
          apigwv2.CorsHttpMethod.DELETE,
          apigwv2.CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
        exposeHeaders: ['etag', 'location'],
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    if (props.customDomain) {
      this.domainName = new apigwv2.DomainName(this, 'DomainName', {
        domainName: props.customDomain.domainName,
        certificate: props.customDomain.certificate,
        securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
      });
    }

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            httpMethod: '$context.httpMethod',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            userSub: '$context.authorizer.claims.sub',
          }),
        ),
      },
      ...(this.domainName ? { domainMapping: { domainName: this.domainName } } : {}),
    });

    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.userPool, {
      authorizerName: 'cognito-access-token',
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    const open = new apigwv2.HttpNoneAuthorizer();
    const integration = new HttpAlbIntegration('Alb', props.listener, { vpcLink });

    const authRouteKeys: string[] = [];
    for (const route of routes) {
      for (const path of apiGatewayPaths(route)) {
        const key = apigwv2.HttpRouteKey.with(path, apigwv2.HttpMethod.ANY);
        const httpRoute = new apigwv2.HttpRoute(this, `Route${pascal(path) || 'Root'}`, {
          httpApi: this.httpApi,
          routeKey: key,
          integration,
          ...(route.access === 'jwt'
            ? { authorizer, authorizationScopes: [USER_TOKEN_SCOPE] }
            : { authorizer: open }),
        });
        if (route.access === 'public') {
          authRouteKeys.push(key.key);
          acknowledge(
            httpRoute,
            'AwsSolutions-APIG4',
            'Sign-up, confirmation, login and token refresh are how a caller gets a token, so they cannot require one; they are rate-limited more tightly than the rest of the API.',
          );
        }
        this.stage.node.addDependency(httpRoute);
      }
    }

    for (const service of Object.values(serviceDefinitions)) {
      const healthIntegration = new HttpAlbIntegration(
        `Health${pascal(service.name)}`,
        props.listener,
        {
          vpcLink,
          method: apigwv2.HttpMethod.GET,
          // The ALB picks the service by this header, so every service keeps its plain path.
          parameterMapping: new apigwv2.ParameterMapping()
            .overwritePath(apigwv2.MappingValue.custom(service.readinessPath))
            .overwriteHeader(HEALTH_SERVICE_HEADER, apigwv2.MappingValue.custom(service.id)),
        },
      );
      const healthRoute = new apigwv2.HttpRoute(this, `Health${pascal(service.name)}Route`, {
        httpApi: this.httpApi,
        routeKey: apigwv2.HttpRouteKey.with(healthRoutePath(service), apigwv2.HttpMethod.GET),
        integration: healthIntegration,
        authorizer: open,
      });
      acknowledge(
        healthRoute,
        'AwsSolutions-APIG4',
        'Readiness probe for external uptime checks; GET only, returns status and nothing else, and maps to the fixed path /health/ready.',
      );
    }

    // Login and sign-up get their own, tighter throttle: they are the brute-force surface.
    const cfnStage = this.stage.node.defaultChild as apigwv2.CfnStage;
    cfnStage.addPropertyOverride(
      'RouteSettings',
      Object.fromEntries(
        authRouteKeys.map((key) => [
          key,
          {
            ThrottlingRateLimit: props.authThrottle.rateLimit,
            ThrottlingBurstLimit: props.authThrottle.burstLimit,
          },
        ]),
      ),
    );
  }

  /** The base URL clients use: the custom domain when there is one. */
  get url(): string {
    return this.domainName
      ? `https://${this.domainName.name}`
      : (this.stage.url ?? this.httpApi.apiEndpoint);
  }
}
