import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AppConfig } from '../config';
import { Registry } from '../registry';

export interface RegistryStackProps extends StackProps {
  readonly config: AppConfig;
}

/** Deployed first: the repositories must exist before the first images are pushed. */
export class RegistryStack extends Stack {
  readonly registry: Registry;

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id, props);
    this.registry = new Registry(this, 'Registry', {
      prefix: props.config.prefix,
      retainData: props.config.retainData,
    });
    for (const [serviceId, repository] of Object.entries(this.registry.repositories)) {
      new CfnOutput(this, `${serviceId}RepositoryUri`, { value: repository.repositoryUri });
    }
  }
}
