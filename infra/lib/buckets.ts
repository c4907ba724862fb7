import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface LogBucketProps {
  readonly retainData: boolean;
  /** CloudFront standard logging still writes with ACLs. */
  readonly allowAcls?: boolean;
  readonly expireAfter?: Duration;
}

/**
 * Bucket for access logs (ALB, CloudFront, S3 server access logs). SSE-S3 because ALB log
 * delivery does not support KMS keys; TLS enforced; expires old logs.
 */
export function createLogBucket(scope: Construct, id: string, props: LogBucketProps): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: props.allowAcls
      ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED
      : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: props.expireAfter ?? Duration.days(90) }],
    removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    // dev teardown must not stop at a non-empty bucket; prod keeps its logs.
    autoDeleteObjects: !props.retainData,
  });
  return bucket;
}
