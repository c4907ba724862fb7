import { join } from 'node:path';
import { appStackName } from './deploy';
import { type PlannedCommand, type Runner, runCommands } from './exec';
import { type Env, envName, regionOf, repoRoot } from './settings';

/** The app stack outputs the publish step needs (infra/lib/stacks/app-stack.ts). */
export const WEB_OUTPUTS = [
  'ApiUrl',
  'WebBucketName',
  'WebDistributionId',
  'PasswordMinLength',
  'PasswordRequireSymbol',
] as const;
export type WebOutputs = Readonly<Record<(typeof WEB_OUTPUTS)[number], string>>;

/** Where `next build` writes the static export (`output: 'export'`, web/next.config.ts). */
export const webOutDir = join(repoRoot, 'web', 'out');

/** Bundles under `_next/static` carry a content hash in their name, so they never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages, RSC payloads and icons keep their names across builds: always revalidated. */
export const REVALIDATE = 'no-cache';
const STATIC_DIR = '_next/static';

export function describeStacksArgs(stack: string, region: string): string[] {
  return [
    'cloudformation',
    'describe-stacks',
    '--region',
    region,
    '--stack-name',
    stack,
    '--query',
    'Stacks[0].Outputs',
    '--output',
    'json',
  ];
}

/**
 * The outputs from `describe-stacks --query Stacks[0].Outputs` (`null` when the stack has none);
 * every output in WEB_OUTPUTS must be there, else the error names the missing ones and the stack.
 */
export function parseStackOutputs(
  json: string,
  stack: string,
): WebOutputs & Record<string, string> {
  const parsed = JSON.parse(json) as { OutputKey?: string; OutputValue?: string }[] | null;
  const outputs: Record<string, string> = {};
  for (const output of parsed ?? []) {
    if (output.OutputKey && output.OutputValue) outputs[output.OutputKey] = output.OutputValue;
  }
  const missing = WEB_OUTPUTS.filter((name) => !outputs[name]);
  if (missing.length > 0) {
    throw new Error(
      `stack ${stack} has no output ${missing.join(', ')}: deploy it first (pnpm run ci:deploy)`,
    );
  }
  return outputs as WebOutputs & Record<string, string>;
}

export function readStackOutputs(env: Env, runner: Runner): WebOutputs & Record<string, string> {
  const stack = appStackName(envName(env));
  const json = runner.capture('aws', describeStacksArgs(stack, regionOf(env)));
  if (json === undefined) {
    throw new Error(
      `could not read the outputs of stack ${stack} (is it deployed in ${regionOf(env)}, and may ` +
        'these credentials call cloudformation:DescribeStacks on it?)',
    );
  }
  return parseStackOutputs(json, stack);
}

/**
 * Build the export against the environment's API (and its password policy, for the form hint),
 * then upload it so that no page ever points at a bundle that is not there yet: the hashed bundles first (cached for a year), then everything
 * else (revalidated on every request), and only then delete what the new build no longer has.
 * Last, CloudFront drops what its edges hold, pages cached before these headers included.
 */
export function webPublishPlan(
  outputs: WebOutputs,
  region: string,
  outDir = webOutDir,
): PlannedCommand[] {
  const bucket = `s3://${outputs.WebBucketName}`;
  const s3 = (...args: string[]) => ({
    command: 'aws',
    args: ['s3', ...args, '--region', region, '--no-progress'],
  });
  return [
    {
      command: 'npm',
      args: ['--prefix', 'web', 'run', 'build'],
      options: {
        cwd: repoRoot,
        env: {
          NEXT_PUBLIC_API_BASE_URL: outputs.ApiUrl,
          NEXT_PUBLIC_PASSWORD_MIN_LENGTH: outputs.PasswordMinLength,
          NEXT_PUBLIC_PASSWORD_REQUIRE_SYMBOL: outputs.PasswordRequireSymbol,
        },
      },
    },
    s3('sync', join(outDir, STATIC_DIR), `${bucket}/${STATIC_DIR}`, '--cache-control', IMMUTABLE),
    // cp, not sync: every page is replaced, whatever sizes and clocks say.
    s3(
      'cp',
      outDir,
      bucket,
      '--recursive',
      '--exclude',
      `${STATIC_DIR}/*`,
      '--cache-control',
      REVALIDATE,
    ),
    // Every file is up by now (same size), so this pass uploads nothing and only deletes.
    s3('sync', outDir, bucket, '--delete', '--size-only'),
    {
      command: 'aws',
      args: [
        'cloudfront',
        'create-invalidation',
        '--distribution-id',
        outputs.WebDistributionId,
        '--paths',
        '/*',
        // CloudFront is global, but the CLI still wants a region to sign for.
        '--region',
        region,
      ],
    },
  ];
}

/** `ci:web`: after `ci:deploy`, the web app's static export onto the app stack's bucket. */
export function publishWeb(env: Env, runner: Runner): Record<string, string> {
  const outputs = readStackOutputs(env, runner);
  runCommands(runner, webPublishPlan(outputs, regionOf(env)));
  return outputs;
}

/** What `--dry-run` answers for describe-stacks, so the rest of the plan can be printed. */
export function placeholderOutputs(): string {
  return JSON.stringify(WEB_OUTPUTS.map((name) => ({ OutputKey: name, OutputValue: `<${name}>` })));
}
