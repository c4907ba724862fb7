import { services } from '@taskmgr/route-table';

/** One image the pipelines ship: a service in the route table with its Dockerfile. */
export interface DeployableImage {
  /** `user-service`: folder, ECR repository suffix, ECS container name. */
  readonly name: string;
  /** `user`: the route table id. */
  readonly id: keyof typeof services;
  /** Workspace package name, e.g. `@taskmgr/user-service`. */
  readonly packageName: string;
  /** Folder of the package, from the repository root. */
  readonly dir: string;
  /** From the repository root; the build context is the root. */
  readonly dockerfile: string;
}

export const deployableImages: readonly DeployableImage[] = Object.values(services).map((s) => ({
  name: s.name,
  id: s.id,
  packageName: `@taskmgr/${s.name}`,
  dir: `services/${s.name}`,
  dockerfile: `services/${s.name}/Dockerfile`,
}));

/** Images that only docker-compose uses (never pushed). */
export const localOnlyImages = [
  {
    name: 'gateway',
    packageName: '@taskmgr/gateway',
    dir: 'tools/gateway',
    dockerfile: 'tools/gateway/Dockerfile',
  },
  {
    name: 'compose-local',
    packageName: '@taskmgr/compose-local',
    dir: 'tools/compose-local',
    dockerfile: 'tools/compose-local/Dockerfile',
  },
  // The web app's static export behind the static host. On AWS the export goes to S3 +
  // CloudFront (infra/lib/web.ts), so this image is never pushed.
  {
    name: 'web',
    packageName: '@taskmgr/static-host',
    dir: 'tools/static-host',
    dockerfile: 'web/Dockerfile',
  },
] as const;

/** ECR repository names: `taskmgr-<env>/<service>` (infra/lib/registry.ts). */
export function repositoryName(envName: string, serviceName: string): string {
  return `taskmgr-${envName}/${serviceName}`;
}

/** `user-service` → `USER_SERVICE_REPOSITORY_URI` (the CodeBuild contract, infra/lib/pipeline.ts). */
export function repositoryUriVariable(serviceName: string): string {
  return `${serviceName.toUpperCase().replace(/-/g, '_')}_REPOSITORY_URI`;
}

/** The name `ci:images` gives a freshly built image on the build host. */
export function localImageName(serviceName: string, tag: string): string {
  return `taskmgr/${serviceName}:${tag}`;
}
