import { type ServiceId, services } from '@taskmgr/route-table';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';

export interface RegistryProps {
  readonly prefix: string;
  readonly retainData: boolean;
}

/** How many tagged images each repository keeps: enough to roll back a few releases. */
export const KEEP_IMAGES = 30;

/**
 * One repository per service. Tags are immutable, so a tag names one build forever and the
 * deployed task definition cannot silently change; every push is scanned.
 */
export class Registry extends Construct {
  readonly repositories: Readonly<Record<ServiceId, ecr.Repository>>;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    const repositories: Partial<Record<ServiceId, ecr.Repository>> = {};
    for (const service of Object.values(services)) {
      repositories[service.id] = new ecr.Repository(this, service.name, {
        repositoryName: `${props.prefix}/${service.name}`,
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        imageScanOnPush: true,
        encryption: ecr.RepositoryEncryption.AES_256,
        lifecycleRules: [
          {
            rulePriority: 1,
            description: 'Drop untagged layers left by failed or superseded pushes',
            tagStatus: ecr.TagStatus.UNTAGGED,
            maxImageAge: Duration.days(7),
          },
          {
            rulePriority: 2,
            description: `Keep the newest ${KEEP_IMAGES} images`,
            tagStatus: ecr.TagStatus.ANY,
            maxImageCount: KEEP_IMAGES,
          },
        ],
        removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        emptyOnDelete: !props.retainData,
      });
    }
    this.repositories = repositories as Record<ServiceId, ecr.Repository>;
  }
}
