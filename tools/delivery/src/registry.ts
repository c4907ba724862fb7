import type { Runner } from './exec';
import { deployableImages } from './images';
import { dockerBuildArgs, type ImagePlan } from './plan';
import { type Env, regionOf, registry, repoRoot, repositoryUri } from './settings';

export interface PushResult {
  readonly name: string;
  readonly imageUri: string;
  readonly how: 'already there' | 'pushed' | 'retagged' | 'built and pushed';
}

/** `123.dkr.ecr.eu-west-1.amazonaws.com/taskmgr-dev/user-service` → `taskmgr-dev/user-service`. */
export function repositoryNameOf(uri: string): string {
  const slash = uri.indexOf('/');
  if (slash < 0) throw new Error(`not a repository URI: ${uri}`);
  return uri.slice(slash + 1);
}

function hasTag(runner: Runner, region: string, repository: string, tag: string): boolean {
  return (
    runner.capture('aws', [
      'ecr',
      'describe-images',
      '--region',
      region,
      '--repository-name',
      repository,
      '--image-ids',
      `imageTag=${tag}`,
      '--output',
      'json',
    ]) !== undefined
  );
}

/**
 * Adds `tag` to the image that already carries `baseTag`, without pulling it: ECR tags are
 * immutable, but one image may carry many tags.
 */
function retag(runner: Runner, region: string, repository: string, baseTag: string, tag: string) {
  const query = (field: string) =>
    runner.capture('aws', [
      'ecr',
      'batch-get-image',
      '--region',
      region,
      '--repository-name',
      repository,
      '--image-ids',
      `imageTag=${baseTag}`,
      '--query',
      `images[0].${field}`,
      '--output',
      'text',
    ]);
  const manifest = query('imageManifest');
  const mediaType = query('imageManifestMediaType');
  if (!manifest || manifest === 'None' || !mediaType) return false;
  runner.run('aws', [
    'ecr',
    'put-image',
    '--region',
    region,
    '--repository-name',
    repository,
    '--image-tag',
    tag,
    '--image-manifest',
    manifest,
    '--image-manifest-media-type',
    mediaType,
  ]);
  return true;
}

/**
 * Puts every image of the plan into the ENV_NAME repositories under the plan's tag: skipped
 * when already there (tags are immutable, so re-runs are safe), pushed when built in this run,
 * else the base tag's image retagged; when that is gone too, built here and pushed.
 */
export function pushImages(plan: ImagePlan, env: Env, runner: Runner): PushResult[] {
  const region = regionOf(env);
  const host = registry(env);
  const password = runner.capture('aws', ['ecr', 'get-login-password', '--region', region]);
  if (password === undefined) throw new Error(`could not get an ECR login for ${host}`);
  runner.run('docker', ['login', '--username', 'AWS', '--password-stdin', host], {
    input: password,
  });

  return plan.images.map((planned) => {
    const image = deployableImages.find((i) => i.name === planned.name);
    if (!image) throw new Error(`${planned.name} is not a deployable image`);
    const uri = repositoryUri(env, image);
    const repository = repositoryNameOf(uri);
    const imageUri = `${uri}:${plan.tag}`;
    if (hasTag(runner, region, repository, plan.tag)) {
      return { name: planned.name, imageUri, how: 'already there' };
    }
    const pushLocal = () => {
      runner.run('docker', ['tag', planned.localImage, imageUri]);
      runner.run('docker', ['push', imageUri]);
    };
    if (planned.build) {
      pushLocal();
      return { name: planned.name, imageUri, how: 'pushed' };
    }
    if (plan.baseTag && retag(runner, region, repository, plan.baseTag, plan.tag)) {
      return { name: planned.name, imageUri, how: 'retagged' };
    }
    runner.run('docker', dockerBuildArgs(planned, plan), { cwd: repoRoot });
    pushLocal();
    return { name: planned.name, imageUri, how: 'built and pushed' };
  });
}
