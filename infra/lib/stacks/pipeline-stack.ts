import type { ServiceId } from '@taskmgr/route-table';
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { AppConfig, PipelineConfig } from '../config';
import { DeliveryPipeline } from '../pipeline';
import type { AppStack } from './app-stack';
import type { RegistryStack } from './registry-stack';

export interface PipelineStackProps extends StackProps {
  readonly config: AppConfig;
  readonly pipelineConfig: PipelineConfig;
  readonly registry: RegistryStack;
  readonly app: AppStack;
  readonly deployRegions: readonly string[];
}

export class PipelineStack extends Stack {
  readonly delivery: DeliveryPipeline;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { config } = props;
    const groups: Partial<Record<ServiceId, codedeploy.IEcsDeploymentGroup>> = {};
    for (const [serviceId, running] of Object.entries(props.app.services.running)) {
      if (running.deploymentGroup) groups[serviceId as ServiceId] = running.deploymentGroup;
    }
    this.delivery = new DeliveryPipeline(this, 'Delivery', {
      envName: config.envName,
      prefix: config.prefix,
      config: props.pipelineConfig,
      repositories: props.registry.registry.repositories,
      appStackName: props.app.stackName,
      web: { bucket: props.app.web.bucket, distribution: props.app.web.distribution },
      deployRegions: props.deployRegions,
      ...(config.blueGreen
        ? { deploymentGroups: groups as Record<ServiceId, codedeploy.IEcsDeploymentGroup> }
        : {}),
      retainData: config.retainData,
      logRetention: config.logRetentionDays as logs.RetentionDays,
    });
  }
}
