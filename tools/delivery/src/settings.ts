import { join, resolve } from 'node:path';
import type { Runner } from './exec';
import { type DeployableImage, repositoryName, repositoryUriVariable } from './images';

export const repoRoot = resolve(__dirname, '..', '..', '..');
/** Where `ci:images` leaves its plan for `ci:push` and `ci:imagedefinitions`. */
export const imagesDir = join(repoRoot, 'artifacts', 'images');

export type Env = Readonly<Record<string, string | undefined>>;

const SHA = /^[0-9a-f]{7,40}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * The image tag: IMAGE_TAG when the pipeline sets one, else the commit (CodeBuild's resolved
 * source version, or git's HEAD), shortened to 12 hex digits.
 */
export function imageTag(env: Env, runner: Runner): string {
  if (env.IMAGE_TAG) {
    if (!TAG.test(env.IMAGE_TAG))
      throw new Error(`IMAGE_TAG "${env.IMAGE_TAG}" is not a valid tag`);
    return env.IMAGE_TAG;
  }
  const commit =
    (env.CODEBUILD_RESOLVED_SOURCE_VERSION && SHA.test(env.CODEBUILD_RESOLVED_SOURCE_VERSION)
      ? env.CODEBUILD_RESOLVED_SOURCE_VERSION
      : undefined) ?? runner.capture('git', ['rev-parse', 'HEAD'], { cwd: repoRoot });
  if (!commit || !SHA.test(commit)) {
    throw new Error('No commit to tag the images with: set IMAGE_TAG or run inside a git clone');
  }
  return commit.slice(0, 12);
}

function required(env: Env, name: string, hint: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set (${hint})`);
  return value;
}

export function envName(env: Env): 'dev' | 'prod' {
  const value = required(env, 'ENV_NAME', 'dev or prod');
  if (value !== 'dev' && value !== 'prod')
    throw new Error(`ENV_NAME must be dev or prod, got ${value}`);
  return value;
}

/** `<account>.dkr.ecr.<region>.amazonaws.com`, given or derived from AWS_ACCOUNT_ID and the region. */
export function registry(env: Env): string {
  if (env.ECR_REGISTRY) return env.ECR_REGISTRY;
  const account = required(env, 'AWS_ACCOUNT_ID', 'the account that holds the ECR repositories');
  if (!/^\d{12}$/.test(account))
    throw new Error(`AWS_ACCOUNT_ID must be 12 digits, got ${account}`);
  return `${account}.dkr.ecr.${regionOf(env)}.amazonaws.com`;
}

export function regionOf(env: Env): string {
  const value = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!value) throw new Error('AWS_REGION (or AWS_DEFAULT_REGION) must be set');
  return value;
}

/** The repository URI: `<SERVICE>_REPOSITORY_URI` when set (CodeBuild), else derived. */
export function repositoryUri(env: Env, image: DeployableImage): string {
  return (
    env[repositoryUriVariable(image.name)] ??
    `${registry(env)}/${repositoryName(envName(env), image.name)}`
  );
}
