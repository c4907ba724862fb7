import { type ServiceId, services as serviceDefinitions } from '@taskmgr/route-table';
import { Aspects, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import type * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { createLogBucket } from './buckets';
import type { EnvName, PipelineConfig } from './config';
import { pascal } from './services';
import { AcknowledgeWildcards, type WildcardRule } from './wildcards';

/**
 * What `buildspec.yml` receives and must produce. It builds and pushes the three ARM64 images
 * tagged `$IMAGE_TAG` and exports that variable; in blue/green mode it also writes one
 * secondary artifact per service holding `taskdef.json`, `appspec.yaml` and `imageDetail.json`.
 * The source is a zip without `.git`: the tag comes from CODEBUILD_RESOLVED_SOURCE_VERSION (the
 * commit CodePipeline passes), and with no BASE_COMMIT every image is built, so no step runs git.
 */
export const BUILD_CONTRACT = {
  exportedVariable: 'IMAGE_TAG',
  environment: {
    ENV_NAME: 'dev | prod',
    AWS_ACCOUNT_ID: 'account of the registry',
    ECR_REGISTRY: '<account>.dkr.ecr.<region>.amazonaws.com',
    USER_SERVICE_REPOSITORY_URI: 'ECR repository URI',
    TASK_SERVICE_REPOSITORY_URI: 'ECR repository URI',
    NOTIFICATION_SERVICE_REPOSITORY_URI: 'ECR repository URI',
  },
  blueGreenArtifacts: {
    user: 'user_service',
    task: 'task_service',
    notification: 'notification_service',
  } satisfies Record<ServiceId, string>,
} as const;

/** `user-service` → `USER_SERVICE_REPOSITORY_URI`. */
export function repositoryUriVariable(serviceName: string): string {
  return `${serviceName.toUpperCase().replace(/-/g, '_')}_REPOSITORY_URI`;
}

/** CloudFormation parameter carrying a service's image tag: `UserServiceImageTag`. */
export function imageTagParameterName(serviceName: string): string {
  return `${pascal(serviceName)}ImageTag`;
}

export interface DeliveryPipelineProps {
  readonly envName: EnvName;
  readonly prefix: string;
  readonly config: PipelineConfig;
  readonly repositories: Readonly<Record<ServiceId, ecr.IRepository>>;
  /** The stack `cdk deploy` updates with the new image tags. */
  readonly appStackName: string;
  /** Where the deploy step then publishes the web app (`ci:web`), both in the app stack. */
  readonly web: {
    readonly bucket: s3.IBucket;
    readonly distribution: cloudfront.IDistribution;
  };
  /** Regions whose CDK bootstrap roles the deploy step may assume (the app's, us-east-1 for the edge stack). */
  readonly deployRegions: readonly string[];
  /** Blue/green: CodeDeploy shifts traffic; CloudFormation only changes the infrastructure. */
  readonly deploymentGroups?: Readonly<Record<ServiceId, codedeploy.IEcsDeploymentGroup>>;
  readonly retainData: boolean;
  readonly logRetention: logs.RetentionDays;
}

/**
 * Source (CodeConnections) → Build (CodeBuild running buildspec.yml: tests, images, push) →
 * [approval in prod] → Deploy (`cdk deploy` of the app stack with the new tags, then the web
 * app's upload; in blue/green mode CodeDeploy then shifts each service).
 */
export class DeliveryPipeline extends Construct {
  readonly pipeline: codepipeline.Pipeline;
  readonly buildProject: codebuild.PipelineProject;
  readonly deployProject: codebuild.PipelineProject;

  constructor(scope: Construct, id: string, props: DeliveryPipelineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const key = new kms.Key(this, 'ArtifactKey', {
      description: `${props.prefix} pipeline artifacts and build output`,
      enableKeyRotation: true,
      removalPolicy,
    });
    const logBucket = createLogBucket(this, 'AccessLogs', { retainData: props.retainData });
    const artifactBucket = new s3.Bucket(this, 'Artifacts', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'artifacts/',
      lifecycleRules: [{ expiration: Duration.days(30) }],
      removalPolicy,
      autoDeleteObjects: !props.retainData,
    });

    const [owner, repo] = props.config.repository.split('/');
    if (!owner || !repo) throw new Error('pipelineRepository must be owner/name');

    const sourceOutput = new codepipeline.Artifact('source');
    const buildOutput = new codepipeline.Artifact('build');
    const serviceArtifacts = props.deploymentGroups
      ? (Object.fromEntries(
          Object.entries(BUILD_CONTRACT.blueGreenArtifacts).map(([serviceId, name]) => [
            serviceId,
            new codepipeline.Artifact(name),
          ]),
        ) as Record<ServiceId, codepipeline.Artifact>)
      : undefined;

    const buildLogs = new logs.LogGroup(this, 'BuildLogs', {
      retention: props.logRetention,
      removalPolicy,
    });
    const repositoryVariables: Record<string, codebuild.BuildEnvironmentVariable> = {};
    for (const service of Object.values(serviceDefinitions)) {
      repositoryVariables[repositoryUriVariable(service.name)] = {
        value: props.repositories[service.id].repositoryUri,
      };
    }
    this.buildProject = new codebuild.PipelineProject(this, 'Build', {
      projectName: `${props.prefix}-build`,
      description: 'Runs buildspec.yml: lint, tests, ARM64 images, push to ECR',
      buildSpec: codebuild.BuildSpec.fromSourceFilename('buildspec.yml'),
      environment: {
        // ARM64 images are built natively on an ARM build host.
        buildImage: codebuild.LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0,
        computeType: codebuild.ComputeType.LARGE,
        // The Docker daemon inside CodeBuild needs privileged mode.
        privileged: true,
      },
      environmentVariables: {
        ENV_NAME: { value: props.envName },
        AWS_ACCOUNT_ID: { value: stack.account },
        ECR_REGISTRY: { value: `${stack.account}.dkr.ecr.${stack.region}.${stack.urlSuffix}` },
        ...repositoryVariables,
      },
      encryptionKey: key,
      timeout: Duration.minutes(45),
      logging: { cloudWatch: { logGroup: buildLogs } },
    });
    for (const repository of Object.values(props.repositories)) {
      repository.grantPullPush(this.buildProject);
    }

    const qualifier = props.config.bootstrapQualifier;
    const bootstrapRoleArns = props.deployRegions.flatMap((region) =>
      ['deploy-role', 'file-publishing-role', 'lookup-role'].map(
        (role) =>
          `arn:${stack.partition}:iam::${stack.account}:role/cdk-${qualifier}-${role}-${stack.account}-${region}`,
      ),
    );
    const imageParameters = Object.values(serviceDefinitions)
      .map((s) => `--parameters ${props.appStackName}:${imageTagParameterName(s.name)}=$IMAGE_TAG`)
      .join(' ');
    this.deployProject = new codebuild.PipelineProject(this, 'Deploy', {
      projectName: `${props.prefix}-deploy`,
      description: `cdk deploy of ${props.appStackName} with the image tags just built, then the web app`,
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        phases: {
          install: {
            'runtime-versions': { nodejs: 20 },
            commands: ['npx -y pnpm@10.34.9 install --frozen-lockfile'],
          },
          build: {
            commands: [
              // In blue/green mode the task definitions belong to CodeDeploy, so the stack
              // keeps the tags it has (CDK reuses previous parameter values).
              `cd infra && if [ "$PASS_IMAGE_TAGS" = "true" ]; then TAGS="${imageParameters}"; else TAGS=""; fi && npx cdk deploy ${props.appStackName} --exclusively --require-approval never -c env=${props.envName} $TAGS`,
              // The same root script as the Jenkinsfile; the shell is still in infra/.
              `cd "$CODEBUILD_SRC_DIR" && ${PUBLISH_WEB_COMMAND}`,
            ],
          },
        },
      }),
      environment: {
        buildImage: codebuild.LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0,
        computeType: codebuild.ComputeType.MEDIUM,
      },
      environmentVariables: {
        PASS_IMAGE_TAGS: { value: props.deploymentGroups ? 'false' : 'true' },
        ENV_NAME: { value: props.envName },
      },
      encryptionKey: key,
      timeout: Duration.minutes(60),
      logging: { cloudWatch: { logGroup: buildLogs } },
    });
    // The CLI does all the work through the CDK bootstrap roles; this role can only assume them.
    this.deployProject.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'AssumeCdkBootstrapRoles',
        actions: ['sts:AssumeRole'],
        resources: bootstrapRoleArns,
      }),
    );
    // ci:web runs as this role: the app stack's outputs, the site bucket, its distribution.
    for (const statement of webPublishStatements(stack, props.appStackName, props.web)) {
      this.deployProject.addToRolePolicy(statement);
    }

    const buildAction = new actions.CodeBuildAction({
      actionName: 'Build',
      project: this.buildProject,
      input: sourceOutput,
      outputs: [buildOutput, ...Object.values(serviceArtifacts ?? {})],
      variablesNamespace: 'Build',
    });
    const imageTag = buildAction.variable(BUILD_CONTRACT.exportedVariable);

    const stages: codepipeline.StageProps[] = [
      {
        stageName: 'Source',
        actions: [
          new ConnectionSourceAction({
            actionName: 'Source',
            connectionArn: props.config.connectionArn,
            owner,
            repo,
            branch: props.config.branch,
            output: sourceOutput,
            triggerOnPush: true,
          }),
        ],
      },
      { stageName: 'Build', actions: [buildAction] },
    ];
    if (props.config.requireApproval) {
      stages.push({
        stageName: 'Approve',
        actions: [
          new actions.ManualApprovalAction({
            actionName: 'Approve',
            additionalInformation: `Deploy image tag ${imageTag} to ${props.envName}`,
          }),
        ],
      });
    }
    const deployActions: codepipeline.IAction[] = [
      new actions.CodeBuildAction({
        actionName: 'Infrastructure',
        project: this.deployProject,
        input: sourceOutput,
        environmentVariables: { IMAGE_TAG: { value: imageTag } },
        runOrder: 1,
      }),
    ];
    if (props.deploymentGroups && serviceArtifacts) {
      for (const service of Object.values(serviceDefinitions)) {
        const artifact = serviceArtifacts[service.id];
        deployActions.push(
          new actions.CodeDeployEcsDeployAction({
            actionName: service.name,
            deploymentGroup: props.deploymentGroups[service.id],
            taskDefinitionTemplateFile: artifact.atPath('taskdef.json'),
            appSpecTemplateFile: artifact.atPath('appspec.yaml'),
            containerImageInputs: [{ input: artifact, taskDefinitionPlaceholder: 'IMAGE1_NAME' }],
            runOrder: 2,
          }),
        );
      }
    }
    stages.push({ stageName: 'Deploy', actions: deployActions });

    this.pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: props.prefix,
      pipelineType: codepipeline.PipelineType.V2,
      artifactBucket,
      restartExecutionOnUpdate: false,
      stages,
    });

    Aspects.of(this).add(new AcknowledgeWildcards(PIPELINE_WILDCARDS));
  }
}

/** What the deploy step runs after `cdk deploy` (a root package.json script). */
export const PUBLISH_WEB_COMMAND = 'npx -y pnpm@10.34.9 run ci:web';

/**
 * What `ci:web` needs and no more: describe the app stack (its id is not known here, so any
 * stack of that name), list the site bucket, write and delete its objects, invalidate the
 * distribution. The bucket holds only the build output, which any deploy may replace.
 */
function webPublishStatements(
  stack: Stack,
  appStackName: string,
  web: DeliveryPipelineProps['web'],
): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'ReadAppStackOutputs',
      actions: ['cloudformation:DescribeStacks'],
      resources: [
        stack.formatArn({
          service: 'cloudformation',
          resource: 'stack',
          resourceName: `${appStackName}/*`,
        }),
      ],
    }),
    new iam.PolicyStatement({
      sid: 'ListWebBucket',
      actions: ['s3:ListBucket'],
      resources: [web.bucket.bucketArn],
    }),
    new iam.PolicyStatement({
      sid: 'WriteWebObjects',
      actions: ['s3:PutObject', 's3:DeleteObject'],
      resources: [web.bucket.arnForObjects('*')],
    }),
    new iam.PolicyStatement({
      sid: 'InvalidateWebCache',
      actions: ['cloudfront:CreateInvalidation'],
      // Built here from the id, so only the id crosses from the app stack.
      resources: [
        stack.formatArn({
          service: 'cloudfront',
          region: '',
          resource: 'distribution',
          resourceName: web.distribution.distributionId,
        }),
      ],
    }),
  ];
}

/**
 * The CodeConnections source. CDK grants only `codestar-connections:UseConnection`, and IAM
 * needs the action's prefix to match the ARN's, so a connection created under the newer
 * `codeconnections` prefix also gets that action (on the same connection only).
 */
class ConnectionSourceAction extends actions.CodeStarConnectionsSourceAction {
  private readonly connectionArn: string;

  constructor(props: actions.CodeStarConnectionsSourceActionProps) {
    super(props);
    this.connectionArn = props.connectionArn;
  }

  protected override bound(
    scope: Construct,
    stage: codepipeline.IStage,
    options: codepipeline.ActionBindOptions,
  ): codepipeline.ActionConfig {
    const config = super.bound(scope, stage, options);
    const service = this.connectionArn.split(':')[2];
    if (service === 'codeconnections') {
      options.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['codeconnections:UseConnection'],
          resources: [this.connectionArn],
        }),
      );
    }
    return config;
  }
}

/**
 * The wildcards CodePipeline, CodeBuild and the CodeDeploy action write into their own roles.
 * Each is confined to this pipeline's bucket, key, log groups or report groups, or is an
 * action AWS only authorises on "*".
 */
const PIPELINE_WILDCARDS: readonly WildcardRule[] = [
  {
    finding: /^Action::s3:(GetObject|GetBucket|List|DeleteObject|PutObject|Abort)\*$/,
    reason:
      'CDK-generated artifact access for CodePipeline/CodeBuild; the statement is limited to this pipeline artifact bucket and its objects.',
  },
  {
    finding: /^Resource::<\w*Artifacts\w*\.Arn>\/\*$/,
    reason:
      'Objects inside this pipeline artifact bucket (and no other bucket), written and read by the pipeline actions.',
  },
  {
    finding: /^Action::kms:(GenerateDataKey|ReEncrypt)\*$/,
    reason:
      'CDK-generated use of the pipeline artifact key; the statement is limited to that one key.',
  },
  {
    finding:
      /^Resource::arn:[^:]+:logs:[^:]+:(<AWS::AccountId>|\d+):log-group:\/aws\/codebuild\/<\w+>:\*$/,
    reason:
      'Log streams of this CodeBuild project own default log group, which CodeBuild always grants itself.',
  },
  {
    finding: /^Resource::arn:[^:]+:codebuild:[^:]+:(<AWS::AccountId>|\d+):report-group\/<\w+>-\*$/,
    reason:
      'Test report groups named after this CodeBuild project, which CodeBuild always grants itself.',
  },
  {
    finding: /^Resource::arn:[^:]+:cloudformation:[^:]+:(<AWS::AccountId>|\d+):stack\/[\w-]+\/\*$/,
    onlyActions: ['cloudformation:DescribeStacks'],
    reason:
      'A stack ARN ends in an id CloudFormation assigns at creation; the name is fixed, so the web publish step may describe the app stack of that name, whatever its id.',
  },
  {
    // Strong references name an export, weak ones (cdk.json) a Fn::GetStackOutput.
    finding: /^Resource::.*OutputFnGetAttWebSite\w+Arn\w*\W*\/\*$/,
    onlyActions: ['s3:PutObject', 's3:DeleteObject'],
    reason:
      'Objects of the web app bucket only (its static export, rebuilt on every deploy), which the publish step uploads and prunes.',
  },
  {
    finding: /^Resource::\*$/,
    onlyActions: ['ecr:GetAuthorizationToken', 'ecs:RegisterTaskDefinition', 'iam:PassRole'],
    reason:
      'ecr:GetAuthorizationToken and ecs:RegisterTaskDefinition have no resource-level permissions; iam:PassRole is limited by the CodeDeploy action to roles passed to ecs-tasks.amazonaws.com.',
  },
];
