import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUILD_CONTRACT,
  imageTagParameterName,
  repositoryUriVariable,
} from '../../../../infra/lib/pipeline';
import { decideImages, imageSourceDirs, readWorkspace } from '../../src/changed';
import { blueGreenArtifactName, cdkDeployArgs, writeImageDefinitions } from '../../src/deploy';
import { recordingRunner } from '../../src/exec';
import { deployableImages, repositoryUriVariable as ourUriVariable } from '../../src/images';
import { dockerBuildArgs, type ImagePlan, planImages } from '../../src/plan';
import { pushImages } from '../../src/registry';
import { imageTag, repoRoot } from '../../src/settings';

const workspace = readWorkspace(repoRoot);
const byName = (name: string) => {
  const image = deployableImages.find((i) => i.name === name);
  if (!image) throw new Error(name);
  return image;
};

describe('which images a change rebuilds', () => {
  it('an image is built from its package and its production workspace dependencies', () => {
    const dirs = imageSourceDirs('@taskmgr/task-service', workspace);
    expect(dirs).toEqual(
      expect.arrayContaining(['services/task-service', 'packages/dynamo', 'packages/service-kit']),
    );
    // Test fixtures are dev dependencies: they never reach the image.
    expect(dirs).not.toContain('packages/test-support');
    expect(dirs).not.toContain('packages/local-engines');
  });

  it('builds only the services whose sources changed', () => {
    const decide = (files: string[]) =>
      decideImages(deployableImages, workspace, files)
        .filter((d) => d.build)
        .map((d) => d.image.name);
    expect(decide(['services/task-service/src/app.ts'])).toEqual(['task-service']);
    expect(decide(['services/user-service/README.md', 'docs/x.md'])).toEqual(['user-service']);
    expect(decide(['packages/test-support/src/index.ts', 'infra/lib/api.ts', 'README.md'])).toEqual(
      [],
    );
    expect(decide(['packages/dynamo/src/keys.ts']).sort()).toEqual([
      'notification-service',
      'task-service',
      'user-service',
    ]);
    expect(decide(['pnpm-lock.yaml'])).toHaveLength(3);
  });

  it('builds everything when there is no history to compare with', () => {
    expect(decideImages(deployableImages, workspace, undefined).every((d) => d.build)).toBe(true);
  });

  it('plans from BASE_COMMIT and tags with the commit', () => {
    const runner = recordingRunner((command, args) => {
      if (command === 'git' && args[0] === 'rev-parse')
        return 'abcdef0123456789abcdef0123456789abcdef01';
      if (command === 'git' && args[0] === 'diff') return 'services/user-service/src/app.ts\n';
      return undefined;
    });
    const plan = planImages({ BASE_COMMIT: '0123456789abcdef0123456789abcdef01234567' }, runner);
    expect(plan.tag).toBe('abcdef012345');
    expect(plan.baseTag).toBe('0123456789ab');
    expect(plan.images.map((i) => [i.name, i.build])).toEqual([
      ['user-service', true],
      ['task-service', false],
      ['notification-service', false],
    ]);
    expect(runner.commands).toContain(
      'git diff --name-only 0123456789abcdef0123456789abcdef01234567...HEAD',
    );
    // An unknown base (e.g. a source zip without .git) builds everything and reuses nothing.
    const blind = planImages(
      { BASE_COMMIT: '0123456789abcdef0123456789abcdef01234567', IMAGE_TAG: 'v1' },
      recordingRunner(),
    );
    expect(blind.baseTag).toBeUndefined();
    expect(blind.images.every((i) => i.build)).toBe(true);
  });

  it("takes IMAGE_TAG, else CodeBuild's commit, and refuses a bad tag", () => {
    expect(imageTag({ IMAGE_TAG: 'release-7' }, recordingRunner())).toBe('release-7');
    expect(
      imageTag(
        { CODEBUILD_RESOLVED_SOURCE_VERSION: 'fedcba9876543210fedcba9876543210fedcba98' },
        recordingRunner(),
      ),
    ).toBe('fedcba987654');
    expect(() => imageTag({ IMAGE_TAG: 'bad tag' }, recordingRunner())).toThrow('IMAGE_TAG');
  });
});

describe('push and deploy', () => {
  const plan: ImagePlan = {
    tag: 'abcdef012345',
    baseTag: '0123456789ab',
    platform: 'linux/arm64',
    images: [
      {
        name: 'user-service',
        dockerfile: 'services/user-service/Dockerfile',
        build: true,
        reason: 'x',
        localImage: 'taskmgr/user-service:abcdef012345',
      },
      {
        name: 'task-service',
        dockerfile: 'services/task-service/Dockerfile',
        build: false,
        reason: 'x',
        localImage: 'taskmgr/task-service:abcdef012345',
      },
      {
        name: 'notification-service',
        dockerfile: 'services/notification-service/Dockerfile',
        build: false,
        reason: 'x',
        localImage: 'taskmgr/notification-service:abcdef012345',
      },
    ],
  };
  const env = { ENV_NAME: 'dev', AWS_ACCOUNT_ID: '111122223333', AWS_REGION: 'eu-west-1' };
  const registry = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';

  it('pushes what was built, retags what was reused, builds what cannot be reused', () => {
    const runner = recordingRunner((_command, args) => {
      if (args[1] === 'get-login-password') return 'secret';
      const repo = args[args.indexOf('--repository-name') + 1];
      if (args[1] === 'batch-get-image' && repo === 'taskmgr-dev/task-service') {
        return args.at(-3)?.endsWith('MediaType')
          ? 'application/vnd.oci.image.manifest.v1+json'
          : '{"schemaVersion":2}';
      }
      return undefined;
    });
    const results = pushImages(plan, env, runner);
    expect(results.map((r) => [r.imageUri, r.how])).toEqual([
      [`${registry}/taskmgr-dev/user-service:abcdef012345`, 'pushed'],
      [`${registry}/taskmgr-dev/task-service:abcdef012345`, 'retagged'],
      [`${registry}/taskmgr-dev/notification-service:abcdef012345`, 'built and pushed'],
    ]);
    expect(runner.commands).toContain(`docker login --username AWS --password-stdin ${registry}`);
    expect(runner.commands).toContain(
      `docker push ${registry}/taskmgr-dev/user-service:abcdef012345`,
    );
    expect(
      runner.commands.some((c) =>
        c.startsWith(
          'aws ecr put-image --region eu-west-1 --repository-name taskmgr-dev/task-service --image-tag abcdef012345',
        ),
      ),
    ).toBe(true);
    expect(runner.commands).toContain(
      `docker ${dockerBuildArgs(plan.images[2] as ImagePlan['images'][number], plan).join(' ')}`,
    );
  });

  it('skips images already pushed under the tag (immutable tags, safe re-runs)', () => {
    const runner = recordingRunner((_command, args) =>
      args[1] === 'get-login-password' ? 'x' : '{}',
    );
    expect(pushImages(plan, env, runner).map((r) => r.how)).toEqual([
      'already there',
      'already there',
      'already there',
    ]);
    expect(runner.commands.filter((c) => c.startsWith('docker push'))).toEqual([]);
  });

  it('uses the CodeBuild repository variables when set', () => {
    const runner = recordingRunner((_command, args) =>
      args[1] === 'get-login-password' ? 'x' : undefined,
    );
    const results = pushImages(
      plan,
      { ...env, ECR_REGISTRY: 'r.example', USER_SERVICE_REPOSITORY_URI: 'r.example/custom/user' },
      runner,
    );
    expect(results[0]?.imageUri).toBe('r.example/custom/user:abcdef012345');
  });

  it('matches the infra contract: repository variables, tag parameters, artifact names', () => {
    for (const image of deployableImages) {
      expect(ourUriVariable(image.name)).toBe(repositoryUriVariable(image.name));
      expect(cdkDeployArgs('prod', 't')).toContain(
        `taskmgr-prod-app:${imageTagParameterName(image.name)}=t`,
      );
      expect(Object.values(BUILD_CONTRACT.blueGreenArtifacts)).toContain(
        blueGreenArtifactName(image.name),
      );
    }
    expect(cdkDeployArgs('dev', 't').slice(0, 7)).toEqual([
      'deploy',
      'taskmgr-dev-app',
      '--exclusively',
      '--require-approval',
      'never',
      '-c',
      'env=dev',
    ]);
  });

  it('writes imagedefinitions.json with the ECS container names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imagedefs-'));
    writeImageDefinitions(env, 'abcdef012345', dir);
    const definitions = JSON.parse(readFileSync(join(dir, 'imagedefinitions.json'), 'utf8'));
    expect(definitions).toEqual(
      deployableImages.map((i) => ({
        name: i.name,
        imageUri: `${registry}/taskmgr-dev/${i.name}:abcdef012345`,
      })),
    );
    expect(JSON.parse(readFileSync(join(dir, 'task_service', 'imageDetail.json'), 'utf8'))).toEqual(
      {
        ImageURI: `${registry}/taskmgr-dev/task-service:abcdef012345`,
      },
    );
    expect(byName('task-service').dockerfile).toBe('services/task-service/Dockerfile');
  });
});
