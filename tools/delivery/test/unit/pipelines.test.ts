import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BUILD_CONTRACT, PUBLISH_WEB_COMMAND } from '../../../../infra/lib/pipeline';
import { recordingRunner } from '../../src/exec';
import { planImages } from '../../src/plan';
import { repoRoot } from '../../src/settings';
import { groovyStages, rootScripts, scriptOf, shCommands } from '../support/pipelines';

interface Buildspec {
  version: number;
  env: { variables: Record<string, string>; 'exported-variables': string[] };
  phases: Record<
    string,
    { commands: string[]; 'runtime-versions'?: Record<string, string | number> }
  >;
  reports: Record<string, { 'base-directory': string; files: string[]; 'file-format': string }>;
  artifacts: { 'base-directory': string; files: string[] };
}

const scripts = rootScripts();
const buildspec = parse(readFileSync(join(repoRoot, 'buildspec.yml'), 'utf8')) as Buildspec;
const jenkinsfile = readFileSync(join(repoRoot, 'Jenkinsfile'), 'utf8');
const stages = groovyStages(jenkinsfile);

/** The steps both pipelines run, in this order. */
const SHARED_STEPS = [
  'install',
  'lint',
  'ci:chromium',
  'ci:test',
  'ci:image-tag',
  'ci:images',
  'ci:push',
];

/** Tooling a build image needs before any script: pnpm itself, and system libraries. */
function isTooling(command: string): boolean {
  return (
    command === 'npm install --global pnpm@10.34.9' ||
    /^dnf install -y -q( [A-Za-z0-9][\w.+-]*)+$/.test(command)
  );
}

describe('buildspec.yml', () => {
  const commands = ['install', 'pre_build', 'build', 'post_build'].flatMap(
    (phase) => buildspec.phases[phase]?.commands ?? [],
  );

  it('runs only root package.json scripts, each of which exists', () => {
    for (const command of commands.filter((c) => !isTooling(c))) {
      const script = scriptOf(command);
      expect({ command, script: script !== undefined }).toEqual({ command, script: true });
      if (script !== undefined && script !== 'install') {
        expect({ script, defined: script in scripts }).toEqual({ script, defined: true });
      }
    }
  });

  it('runs the shared steps in order: install, lint, test, images, push, then the outputs', () => {
    const steps = commands.map(scriptOf).filter((s) => s !== undefined);
    expect(steps).toEqual([...SHARED_STEPS, 'ci:imagedefinitions']);
    // CHROMIUM_PATH is set in the phase that runs the tests.
    expect(buildspec.phases.pre_build?.commands.map(scriptOf)).toEqual([
      'lint',
      'ci:chromium',
      'ci:test',
    ]);
  });

  it('installs the system libraries chromium needs before the tests', () => {
    const install = buildspec.phases.install?.commands ?? [];
    const dnf = install.find((c) => c.startsWith('dnf install'));
    for (const library of ['nss', 'atk', 'at-spi2-atk', 'cups-libs', 'mesa-libgbm', 'pango']) {
      expect(dnf?.split(' ')).toContain(library);
    }
    // A failing ci:chromium must fail the build, which `export X="$(…)"` would hide.
    const chromium = buildspec.phases.pre_build?.commands.find((c) => c.includes('ci:chromium'));
    expect(chromium).toBe(
      'CHROMIUM_PATH="$(pnpm --silent run ci:chromium)" && export CHROMIUM_PATH',
    );
  });

  // The web app goes out with the infrastructure, in the pipeline's Deploy project.
  it('leaves the web app to the Deploy stage, which runs the same root script', () => {
    expect(commands.map(scriptOf)).not.toContain('ci:web');
    const script = scriptOf(PUBLISH_WEB_COMMAND);
    expect(script).toBe('ci:web');
    expect(scripts['ci:web']).toBeDefined();
  });

  // CodePipeline hands CodeBuild a zip of the commit, without .git (infra/lib/pipeline.ts).
  it('needs no git: the tag is the commit CodeBuild is given, and every image is built', () => {
    for (const command of commands) expect(command).not.toMatch(/\bgit\b/);
    const codeBuildEnv = {
      ...buildspec.env.variables,
      ...Object.fromEntries(Object.keys(BUILD_CONTRACT.environment).map((n) => [n, 'x'])),
      CODEBUILD_RESOLVED_SOURCE_VERSION: 'fedcba9876543210fedcba9876543210fedcba98',
    };
    expect(Object.keys(codeBuildEnv)).not.toContain('BASE_COMMIT');
    const runner = recordingRunner(() => {
      throw new Error('git is not available in the CodeBuild source');
    });
    const plan = planImages(codeBuildEnv, runner);
    expect(plan.tag).toBe('fedcba987654');
    expect(plan.images.every((i) => i.build)).toBe(true);
    expect(runner.commands).toEqual([]);
  });

  it('exports IMAGE_TAG, publishes JUnit and outputs imagedefinitions.json', () => {
    expect(buildspec.version).toBe(0.2);
    expect(buildspec.env['exported-variables']).toEqual(['IMAGE_TAG']);
    expect(buildspec.phases.install?.['runtime-versions']).toEqual({
      nodejs: 20,
      java: 'corretto17',
    });
    const report = Object.values(buildspec.reports)[0];
    expect(report).toEqual({
      'base-directory': 'artifacts/test-reports',
      files: ['junit-*.xml'],
      'file-format': 'JUNITXML',
    });
    expect(buildspec.artifacts).toEqual({
      'base-directory': 'artifacts/images',
      files: ['imagedefinitions.json'],
    });
  });
});

describe('Jenkinsfile', () => {
  it('has the stages in order: install, lint, test, images, push, dev, approval, prod', () => {
    expect(stages.map((s) => s.name)).toEqual([
      'Install',
      'Lint',
      'Test',
      'Build images',
      'Push to ECR: dev',
      'Deploy: dev',
      'Approve prod',
      'Push to ECR: prod',
      'Deploy: prod',
    ]);
  });

  it('runs only root package.json scripts, the same as buildspec.yml', () => {
    const commands = stages.flatMap((s) => shCommands(s.body));
    for (const command of commands) {
      const script = scriptOf(command);
      expect({ command, script: script !== undefined }).toEqual({ command, script: true });
      if (script !== undefined && script !== 'install') {
        expect({ script, defined: script in scripts }).toEqual({ script, defined: true });
      }
    }
    expect(commands.map(scriptOf)).toEqual([
      ...SHARED_STEPS,
      'ci:deploy',
      'ci:web',
      'ci:push',
      'ci:deploy',
      'ci:web',
    ]);
  });

  it('publishes the web app right after each deploy, under the same role', () => {
    for (const name of ['Deploy: dev', 'Deploy: prod']) {
      const body = stages.find((s) => s.name === name)?.body ?? '';
      const withAws = /withAWS\([^)]*\)\s*\{([^}]*)\}/.exec(body)?.[1] ?? '';
      expect(shCommands(withAws).map(scriptOf)).toEqual(['ci:deploy', 'ci:web']);
    }
  });

  it('hands the browser tests the chromium ci:chromium found', () => {
    const test = stages.find((s) => s.name === 'Test')?.body ?? '';
    expect(test).toMatch(
      /env\.CHROMIUM_PATH = sh\(script: '\$PNPM --silent run ci:chromium', returnStdout: true\)\.trim\(\)/,
    );
    expect(test.indexOf('ci:chromium')).toBeLessThan(test.indexOf('ci:test'));
  });

  it('publishes the JUnit reports of the test stage, even when tests fail', () => {
    const test = stages.find((s) => s.name === 'Test');
    expect(test?.body).toMatch(
      /post\s*\{\s*always\s*\{\s*junit testResults: 'artifacts\/test-reports\/junit-\*\.xml'/,
    );
  });

  it("asks for approval before anything touches prod, and uses each environment's role", () => {
    const approve = stages.find((s) => s.name === 'Approve prod');
    expect(approve?.body).toMatch(/\binput message:/);
    expect(approve?.body).toMatch(/submitter: params\.PROD_APPROVERS/);
    for (const stage of stages.filter((s) => /: (dev|prod)$/.test(s.name))) {
      const env = stage.name.endsWith('prod') ? 'PROD' : 'DEV';
      expect(stage.body).toContain(`ENV_NAME = '${env.toLowerCase()}'`);
      expect(stage.body).toContain(`role: params.${env}_ROLE_ARN`);
      expect(stage.body).toContain(`AWS_ACCOUNT_ID = "\${params.${env}_ACCOUNT_ID}"`);
    }
  });

  it('builds against the last successful commit', () => {
    const images = stages.find((s) => s.name === 'Build images');
    // Groovy interpolation, not a JavaScript template.
    const groovy = ['BASE_COMMIT = "$', "{env.GIT_PREVIOUS_SUCCESSFUL_COMMIT ?: ''}\""].join('');
    expect(images?.body).toContain(groovy);
  });

  // npm-groovy-lint parses the file with the Groovy compiler and runs CodeNarc's Jenkinsfile
  // rules; it needs only Java, no network.
  it('passes npm-groovy-lint with no finding', () => {
    const bin = join(repoRoot, 'tools', 'delivery', 'node_modules', '.bin', 'npm-groovy-lint');
    const result = spawnSync(
      bin,
      ['--noserver', '--failon', 'info', '--output', 'json', 'Jenkinsfile'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 170_000,
      },
    );
    const report = JSON.parse(result.stdout) as {
      summary: {
        totalFoundErrorNumber: number;
        totalFoundWarningNumber: number;
        totalFoundInfoNumber: number;
      };
      files: Record<string, { errors: { rule: string; msg: string; line: number }[] }>;
    };
    const findings = Object.values(report.files).flatMap((f) => f.errors);
    expect(findings).toEqual([]);
    expect(result.status).toBe(0);
  }, 180_000);
});
