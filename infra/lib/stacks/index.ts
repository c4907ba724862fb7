import { type App, type Environment, Tags } from 'aws-cdk-lib';
import type { AppConfig } from '../config';
import { AppStack } from './app-stack';
import { DataStack } from './data-stack';
import { EdgeStack } from './edge-stack';
import { PipelineStack } from './pipeline-stack';
import { RegistryStack } from './registry-stack';

export { AppStack, DataStack, EdgeStack, PipelineStack, RegistryStack };

export interface TaskManagerStacks {
  readonly registry: RegistryStack;
  readonly data: DataStack;
  readonly app: AppStack;
  readonly edge?: EdgeStack;
  readonly pipeline?: PipelineStack;
}

/**
 * Deployment order: registry → data → (edge) → app → pipeline. Stack names carry the env, so
 * dev and prod can share an account.
 */
export function createStacks(app: App, config: AppConfig): TaskManagerStacks {
  const env: Environment = {
    ...(config.account ? { account: config.account } : {}),
    ...(config.region ? { region: config.region } : {}),
  };
  const name = (part: string) => `${config.prefix}-${part}`;
  const terminationProtection = config.retainData;
  const common = { env, terminationProtection };

  const registry = new RegistryStack(app, name('registry'), {
    ...common,
    description: 'Task Manager: ECR repositories',
    config,
  });
  const data = new DataStack(app, name('data'), {
    ...common,
    description: 'Task Manager: table, user pool, topics, secrets',
    config,
  });

  // CloudFront certificates must be in us-east-1; a stack elsewhere gets one from there.
  const needsEdge = Boolean(config.domain) && config.region !== 'us-east-1';
  const edge =
    needsEdge && config.domain
      ? new EdgeStack(app, name('edge'), {
          env: { ...env, region: 'us-east-1' },
          terminationProtection,
          description: 'Task Manager: us-east-1 certificate for CloudFront',
          domain: config.domain,
        })
      : undefined;

  const appStack = new AppStack(app, name('app'), {
    ...common,
    description: 'Task Manager: network, ECS services, ALB, HTTP API, scheduler, web, alarms',
    config,
    registry,
    data,
    ...(edge ? { webCertificate: edge.webCertificate, crossRegionReferences: true } : {}),
  });

  const pipeline = config.pipeline
    ? new PipelineStack(app, name('pipeline'), {
        ...common,
        description: 'Task Manager: CodePipeline source → build → deploy',
        config,
        pipelineConfig: config.pipeline,
        registry,
        app: appStack,
        deployRegions: [
          ...new Set([config.region ?? appStack.region, ...(edge ? ['us-east-1'] : [])]),
        ],
      })
    : undefined;

  for (const stack of [registry, data, appStack, edge, pipeline]) {
    if (!stack) continue;
    Tags.of(stack).add('project', 'task-manager');
    Tags.of(stack).add('environment', config.envName);
  }

  return {
    registry,
    data,
    app: appStack,
    ...(edge ? { edge } : {}),
    ...(pipeline ? { pipeline } : {}),
  };
}
