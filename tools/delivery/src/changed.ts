import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployableImage } from './images';

/**
 * Files outside any package that can change every image: the lockfile and install settings,
 * the compiler settings every package extends, and what the build context lets in.
 */
export const SHARED_BUILD_INPUTS = [
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'package.json',
  '.npmrc',
  'tsconfig.base.json',
  '.dockerignore',
] as const;

interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly dependencies: readonly string[];
}

const WORKSPACE_GLOBS = ['packages', 'services', 'tools'] as const;

/** Every workspace package with its `workspace:` production dependencies. */
export function readWorkspace(repoRoot: string): Map<string, WorkspacePackage> {
  const packages = new Map<string, WorkspacePackage>();
  for (const parent of WORKSPACE_GLOBS) {
    let entries: string[];
    try {
      entries = readdirSync(join(repoRoot, parent));
    } catch {
      continue;
    }
    for (const entry of entries) {
      const dir = `${parent}/${entry}`;
      let manifest: { name?: string; dependencies?: Record<string, string> };
      try {
        manifest = JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (!manifest.name) continue;
      const dependencies = Object.entries(manifest.dependencies ?? {})
        .filter(([, spec]) => spec.startsWith('workspace:'))
        .map(([name]) => name);
      packages.set(manifest.name, { name: manifest.name, dir, dependencies });
    }
  }
  return packages;
}

/** The folders whose files end up in (or are compiled into) a package's production image. */
export function imageSourceDirs(
  packageName: string,
  workspace: ReadonlyMap<string, WorkspacePackage>,
): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const pkg = workspace.get(name);
    if (!pkg) throw new Error(`${name} is not a workspace package`);
    seen.add(name);
    for (const dep of pkg.dependencies) visit(dep);
  };
  visit(packageName);
  return [...seen].map((name) => workspace.get(name)?.dir ?? name).sort();
}

export interface ImageDecision {
  readonly image: DeployableImage;
  readonly build: boolean;
  readonly reason: string;
}

/**
 * Which images need a new build. `changedFiles` undefined means the history is unknown (first
 * build, no git, base not found): everything is built.
 */
export function decideImages(
  images: readonly DeployableImage[],
  workspace: ReadonlyMap<string, WorkspacePackage>,
  changedFiles: readonly string[] | undefined,
): ImageDecision[] {
  return images.map((image) => {
    if (changedFiles === undefined) {
      return { image, build: true, reason: 'no base commit to compare with' };
    }
    const shared = changedFiles.find((file) =>
      (SHARED_BUILD_INPUTS as readonly string[]).includes(file),
    );
    if (shared) return { image, build: true, reason: `${shared} changed` };
    const dirs = imageSourceDirs(image.packageName, workspace);
    const hit = changedFiles.find((file) => dirs.some((dir) => file.startsWith(`${dir}/`)));
    if (hit) return { image, build: true, reason: `${hit} changed` };
    return { image, build: false, reason: 'nothing it is built from changed' };
  });
}
