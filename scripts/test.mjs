#!/usr/bin/env node
// The whole test suite, in the order a reviewer would want failures reported:
// lint → type check / build → unit → integration → end-to-end (the whole stack over HTTP) →
// browser (chromium through the web app, against the whole stack).
// Prints one closing "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, repoRoot } from './ensure-install.mjs';

ensureInstalled({ force: process.env.CI === 'true' });

const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
const reportDir = join(repoRoot, 'artifacts', 'test-reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
// The pipelines run lint as a stage of its own (`pnpm run lint`), then `ci:test` with this flag.
const skipLint = process.argv.includes('--skip-lint');
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} (${seconds}s) ===`);
  return result.status === 0;
}

function jestProject(project, extraArgs = []) {
  const outputFile = join(reportDir, `jest-${project}.json`);
  // JUnit XML next to the JSON, for Jenkins' junit step and CodeBuild's report group.
  const junit = {
    JEST_JUNIT_OUTPUT_DIR: reportDir,
    JEST_JUNIT_OUTPUT_NAME: `junit-${project}.xml`,
    JEST_JUNIT_SUITE_NAME: `${project} tests`,
  };
  const ok = run(
    `${project} tests`,
    bin('jest'),
    [
      '--selectProjects',
      project,
      '--ci',
      '--json',
      `--outputFile=${outputFile}`,
      '--reporters=default',
      '--reporters=jest-junit',
      ...extraArgs,
    ],
    junit,
  );
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    totals.skipped += report.numPendingTests + report.numTodoTests;
  } catch {
    totals.failed += 1;
  }
  return ok;
}

const steps = [
  ...(skipLint ? [] : [() => run('lint', bin('biome'), ['ci', '.'])]),
  () => run('type check and build', bin('tsc'), ['-b', 'tsconfig.build.json']),
  () => run('type check tests', bin('tsc'), ['-p', 'tsconfig.json']),
  // The web app has its own compiler settings (JSX, bundler resolution, DOM).
  () => run('type check web', 'npm', ['--prefix', 'web', 'run', '--silent', 'typecheck']),
  () => jestProject('unit'),
  () => jestProject('integration'),
  // One stack for the whole suite, driven file after file.
  () => jestProject('e2e', ['--runInBand']),
  // Builds the static export for its own stack, then one browser at a time.
  () => jestProject('browser', ['--runInBand']),
];

let failedSteps = 0;
for (const step of steps) {
  if (!step()) failedSteps += 1;
}

console.log('');
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
if (failedSteps > 0) {
  console.error(`${failedSteps} step(s) failed.`);
  process.exit(1);
}
