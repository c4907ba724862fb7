import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Runner } from './exec';
import { deployableImages } from './images';
import { type Env, envName, imagesDir, repoRoot, repositoryUri } from './settings';

/** `user-service` → `UserServiceImageTag`, the app stack's parameter (infra/lib/pipeline.ts). */
export function imageTagParameterName(serviceName: string): string {
  const pascal = serviceName
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `${pascal}ImageTag`;
}

export function appStackName(env: 'dev' | 'prod'): string {
  return `taskmgr-${env}-app`;
}

/** The `cdk deploy` the CodePipeline's Deploy stage runs too: the app stack, new image tags. */
export function cdkDeployArgs(env: 'dev' | 'prod', tag: string): string[] {
  const stack = appStackName(env);
  return [
    'deploy',
    stack,
    '--exclusively',
    '--require-approval',
    'never',
    '-c',
    `env=${env}`,
    ...deployableImages.flatMap((image) => [
      '--parameters',
      `${stack}:${imageTagParameterName(image.name)}=${tag}`,
    ]),
  ];
}

export function deploy(env: Env, tag: string, runner: Runner): void {
  runner.run(
    join(repoRoot, 'infra', 'node_modules', '.bin', 'cdk'),
    cdkDeployArgs(envName(env), tag),
    {
      cwd: join(repoRoot, 'infra'),
    },
  );
}

/** Secondary artifact names of the blue/green pipeline (BUILD_CONTRACT in infra/lib/pipeline.ts). */
export function blueGreenArtifactName(serviceName: string): string {
  return serviceName.replace(/-/g, '_');
}

/**
 * `imagedefinitions.json` for an ECS standard deploy action (container name = service name, as
 * in the task definitions) and one `imageDetail.json` per service for CodeDeploy blue/green.
 */
export function writeImageDefinitions(env: Env, tag: string, dir = imagesDir): string[] {
  mkdirSync(dir, { recursive: true });
  const definitions = deployableImages.map((image) => ({
    name: image.name,
    imageUri: `${repositoryUri(env, image)}:${tag}`,
  }));
  const written = [join(dir, 'imagedefinitions.json')];
  writeFileSync(written[0] as string, `${JSON.stringify(definitions, null, 2)}\n`);
  for (const definition of definitions) {
    const serviceDir = join(dir, blueGreenArtifactName(definition.name));
    mkdirSync(serviceDir, { recursive: true });
    const file = join(serviceDir, 'imageDetail.json');
    writeFileSync(file, `${JSON.stringify({ ImageURI: definition.imageUri }, null, 2)}\n`);
    written.push(file);
  }
  return written;
}
