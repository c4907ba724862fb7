import { join } from 'node:path';
import {
  chromiumPlan,
  DEBIAN_CHROMIUM,
  playwrightChromium,
  playwrightCli,
} from '../../src/chromium';
import { formatCommand, recordingRunner } from '../../src/exec';
import { repoRoot } from '../../src/settings';
import {
  IMMUTABLE,
  parseStackOutputs,
  placeholderOutputs,
  publishWeb,
  REVALIDATE,
  webOutDir,
  webPublishPlan,
} from '../../src/web';

const outputs = {
  ApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/',
  WebBucketName: 'taskmgr-dev-app-websited504717c-1a2b3c4d5e6f',
  WebDistributionId: 'E2QWRUHAPOMQZL',
  PasswordMinLength: '12',
  PasswordRequireSymbol: 'true',
};
const describeStacks = JSON.stringify([
  ...Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
  { OutputKey: 'WebUrl', OutputValue: 'https://d111111abcdef8.cloudfront.net' },
]);
const env = { ENV_NAME: 'dev', AWS_REGION: 'eu-west-1' };

describe('publishing the web app (ci:web)', () => {
  it('builds against the API, uploads bundles, then pages, then prunes, then invalidates', () => {
    const plan = webPublishPlan(outputs, 'eu-west-1', '/w/out');
    const bucket = `s3://${outputs.WebBucketName}`;
    expect(plan.map((c) => formatCommand(c.command, c.args, c.options?.env))).toEqual([
      `NEXT_PUBLIC_API_BASE_URL=${outputs.ApiUrl} NEXT_PUBLIC_PASSWORD_MIN_LENGTH=12 NEXT_PUBLIC_PASSWORD_REQUIRE_SYMBOL=true npm --prefix web run build`,
      `aws s3 sync /w/out/_next/static ${bucket}/_next/static --cache-control 'public, max-age=31536000, immutable' --region eu-west-1 --no-progress`,
      `aws s3 cp /w/out ${bucket} --recursive --exclude '_next/static/*' --cache-control no-cache --region eu-west-1 --no-progress`,
      `aws s3 sync /w/out ${bucket} --delete --size-only --region eu-west-1 --no-progress`,
      `aws cloudfront create-invalidation --distribution-id ${outputs.WebDistributionId} --paths '/*' --region eu-west-1`,
    ]);
    expect(plan[0]?.options?.cwd).toBe(repoRoot);
  });

  it('caches only the content-hashed bundles, and deletes nothing before the upload', () => {
    const plan = webPublishPlan(outputs, 'eu-west-1');
    const uploads = plan.filter((c) => c.args[0] === 's3');
    const header = (args: readonly string[]) => args[args.indexOf('--cache-control') + 1];
    expect(header(uploads[0]?.args ?? [])).toBe(IMMUTABLE);
    expect(uploads[0]?.args[2]).toBe(join(webOutDir, '_next', 'static'));
    expect(header(uploads[1]?.args ?? [])).toBe(REVALIDATE);
    expect(uploads[1]?.args).toContain('_next/static/*');
    const deleting = uploads.findIndex((c) => c.args.includes('--delete'));
    expect(deleting).toBe(uploads.length - 1);
    expect(plan.at(-1)?.args.slice(0, 2)).toEqual(['cloudfront', 'create-invalidation']);
  });

  it("reads the outputs of the environment's app stack, then runs the plan", () => {
    const runner = recordingRunner((command, args) =>
      command === 'aws' && args[1] === 'describe-stacks' ? describeStacks : undefined,
    );
    const read = publishWeb(env, runner);
    expect(read.WebUrl).toBe('https://d111111abcdef8.cloudfront.net');
    expect(runner.commands[0]).toBe(
      "aws cloudformation describe-stacks --region eu-west-1 --stack-name taskmgr-dev-app --query 'Stacks[0].Outputs' --output json",
    );
    expect(runner.commands.slice(1)).toEqual(
      webPublishPlan(outputs, 'eu-west-1').map((c) =>
        formatCommand(c.command, c.args, c.options?.env),
      ),
    );
  });

  it('names the missing output and the stack', () => {
    const some = JSON.stringify([{ OutputKey: 'ApiUrl', OutputValue: outputs.ApiUrl }]);
    expect(() => parseStackOutputs(some, 'taskmgr-prod-app')).toThrow(
      'stack taskmgr-prod-app has no output WebBucketName, WebDistributionId, PasswordMinLength, PasswordRequireSymbol',
    );
    expect(() => parseStackOutputs('null', 'taskmgr-dev-app')).toThrow(
      'stack taskmgr-dev-app has no output ApiUrl, WebBucketName, WebDistributionId, PasswordMinLength, PasswordRequireSymbol',
    );
    const runner = recordingRunner((_command, args) =>
      args[1] === 'describe-stacks' ? some : undefined,
    );
    expect(() => publishWeb({ ...env, ENV_NAME: 'prod' }, runner)).toThrow(
      'stack taskmgr-prod-app has no output WebBucketName, WebDistributionId, PasswordMinLength, PasswordRequireSymbol',
    );
    // Nothing is built or uploaded without them.
    expect(runner.commands).toHaveLength(1);
  });

  it('says which stack it could not read, and needs ENV_NAME and a region', () => {
    expect(() => publishWeb(env, recordingRunner())).toThrow(
      'could not read the outputs of stack taskmgr-dev-app',
    );
    expect(() => publishWeb({ AWS_REGION: 'eu-west-1' }, recordingRunner())).toThrow('ENV_NAME');
    expect(() => publishWeb({ ENV_NAME: 'dev' }, recordingRunner())).toThrow('AWS_REGION');
  });

  it('prints the whole plan in a dry run, with placeholders for the outputs', () => {
    const runner = recordingRunner((_command, args) =>
      args[1] === 'describe-stacks' ? placeholderOutputs() : undefined,
    );
    publishWeb(env, runner);
    expect(runner.commands).toContain(
      "aws cloudfront create-invalidation --distribution-id '<WebDistributionId>' --paths '/*' --region eu-west-1",
    );
  });
});

describe('chromium for the browser tests (ci:chromium)', () => {
  const nowhere = () => false;
  const download = () => '/root/.cache/ms-playwright/chromium-1/chrome-linux-arm64/chrome';

  it('takes CHROMIUM_PATH when set, and fails when it does not exist', () => {
    const plan = chromiumPlan({ CHROMIUM_PATH: '/opt/chrome' }, (p) => p === '/opt/chrome');
    expect(plan.path).toBe('/opt/chrome');
    expect(plan.commands.map((c) => formatCommand(c.command, c.args))).toEqual([
      '/opt/chrome --version',
    ]);
    expect(() => chromiumPlan({ CHROMIUM_PATH: '/opt/none' }, nowhere, download)).toThrow(
      'CHROMIUM_PATH is /opt/none, which does not exist',
    );
  });

  it("uses Debian's chromium when installed, else downloads Playwright's and checks it starts", () => {
    expect(chromiumPlan({}, (p) => p === DEBIAN_CHROMIUM, download).path).toBe(DEBIAN_CHROMIUM);
    const plan = chromiumPlan({}, nowhere, download);
    expect(plan.path).toBe(download());
    expect(plan.commands.map((c) => formatCommand(c.command, c.args))).toEqual([
      `${playwrightCli} install --no-shell chromium`,
      `${download()} --version`,
    ]);
    // stdout carries only the path: everything the commands print goes to stderr.
    expect(plan.commands.every((c) => c.options?.stdout === 'stderr')).toBe(true);
  });

  it("asks the browser tests' own playwright-core where its chromium lives", () => {
    expect(playwrightCli).toBe(
      join(repoRoot, 'tools', 'browser', 'node_modules', '.bin', 'playwright-core'),
    );
    // <browsers path>/chromium-<revision>/<platform dir>/<binary>, whatever the platform.
    expect(playwrightChromium()).toMatch(/^\/.*\/chromium-\d+\/[^/]+\/.+/);
  });
});
