import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideImages, readWorkspace } from './changed';
import type { Runner } from './exec';
import { type DeployableImage, deployableImages, localImageName } from './images';
import { type Env, imagesDir, imageTag, repoRoot } from './settings';

export interface PlannedImage {
  readonly name: string;
  readonly dockerfile: string;
  /** True: built in this run. False: the image of `baseTag` is reused under the new tag. */
  readonly build: boolean;
  readonly reason: string;
  readonly localImage: string;
}

export interface ImagePlan {
  readonly tag: string;
  /** The tag of the last successful build, when known; reused images are copied from it. */
  readonly baseTag: string | undefined;
  readonly platform: string;
  readonly images: readonly PlannedImage[];
}

const SHA = /^[0-9a-f]{7,40}$/;

/** Files changed between `base` and HEAD, or undefined when git cannot tell. */
function changedSince(base: string, runner: Runner): string[] | undefined {
  const out = runner.capture('git', ['diff', '--name-only', `${base}...HEAD`], { cwd: repoRoot });
  if (out === undefined) return undefined;
  return out.split('\n').filter((line) => line.length > 0);
}

/**
 * Decides which images to build. BASE_COMMIT is the last commit whose build succeeded
 * (Jenkins: GIT_PREVIOUS_SUCCESSFUL_COMMIT); without it, with BUILD_ALL=true, or when git cannot
 * diff against it (shallow clone, source zip), every image is built.
 */
export function planImages(
  env: Env,
  runner: Runner,
  images: readonly DeployableImage[] = deployableImages,
): ImagePlan {
  const tag = imageTag(env, runner);
  const base = env.BASE_COMMIT && SHA.test(env.BASE_COMMIT) ? env.BASE_COMMIT : undefined;
  const changed = env.BUILD_ALL === 'true' || !base ? undefined : changedSince(base, runner);
  const decisions = decideImages(images, readWorkspace(repoRoot), changed);
  const baseTag = base && changed !== undefined ? base.slice(0, 12) : undefined;
  return {
    tag,
    baseTag,
    platform: env.IMAGE_PLATFORM ?? 'linux/arm64',
    images: decisions.map((d) => ({
      name: d.image.name,
      dockerfile: d.image.dockerfile,
      build: d.build,
      reason: d.reason,
      localImage: localImageName(d.image.name, tag),
    })),
  };
}

/** `docker build` exactly as the README documents it: context = repository root. */
export function dockerBuildArgs(image: PlannedImage, plan: ImagePlan): string[] {
  return [
    'build',
    '--platform',
    plan.platform,
    '--file',
    image.dockerfile,
    '--tag',
    image.localImage,
    '--label',
    `org.opencontainers.image.version=${plan.tag}`,
    '.',
  ];
}

const PLAN_FILE = 'plan.json';

export function writePlan(plan: ImagePlan, dir = imagesDir): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, PLAN_FILE);
  writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
  return file;
}

export function readPlan(dir = imagesDir): ImagePlan {
  const file = join(dir, PLAN_FILE);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm run ci:images\` first`);
  return JSON.parse(readFileSync(file, 'utf8')) as ImagePlan;
}

export function describePlan(plan: ImagePlan): string {
  const rows = plan.images.map(
    (i) =>
      `  ${i.name.padEnd(22)} ${i.build ? 'build' : `reuse ${plan.baseTag}`.padEnd(5)}  ${i.reason}`,
  );
  return [`images for tag ${plan.tag} (${plan.platform}):`, ...rows].join('\n');
}
