/**
 * The delivery steps both pipelines run (Jenkinsfile and buildspec.yml call the root
 * package.json scripts, which call this):
 *   image-tag         print the tag for this build (IMAGE_TAG, else the commit)
 *   images            decide which images changed and build those (artifacts/images/plan.json)
 *   push              put all images into ENV_NAME's ECR repositories under the tag
 *   deploy            cdk deploy of the app stack with the new tags
 *   imagedefinitions  imagedefinitions.json and imageDetail.json for CodePipeline
 *   web               after deploy: build the web app against the stack's API, upload, invalidate
 *   chromium          print the chromium for the browser tests (downloaded where there is none)
 * --dry-run prints the docker/aws/cdk/npm commands instead of running them (git still runs).
 */

import { existsSync } from 'node:fs';
import { chromiumPlan } from './chromium';
import { deploy, writeImageDefinitions } from './deploy';
import { formatCommand, processRunner, type Runner, recordingRunner, runCommands } from './exec';
import { describePlan, dockerBuildArgs, planImages, readPlan, writePlan } from './plan';
import { pushImages } from './registry';
import { imageTag, repoRoot } from './settings';
import { placeholderOutputs, publishWeb } from './web';

function dryRunner(): Runner {
  const recorder = recordingRunner();
  return {
    run(command, args, options) {
      recorder.run(command, args, options);
      process.stdout.write(`[dry-run] ${formatCommand(command, args, options?.env)}\n`);
    },
    capture(command, args, options) {
      if (command === 'git') return processRunner.capture(command, args, options);
      process.stdout.write(`[dry-run] ${formatCommand(command, args)}\n`);
      if (command === 'aws' && args[1] === 'get-login-password') return 'dry-run';
      if (command === 'aws' && args[1] === 'describe-stacks') return placeholderOutputs();
      return undefined;
    },
  };
}

function main(argv: readonly string[]): void {
  const dryRun = argv.includes('--dry-run');
  const [command] = argv.filter((arg) => !arg.startsWith('--'));
  const runner = dryRun ? dryRunner() : processRunner;
  const env = process.env;
  switch (command) {
    case 'image-tag':
      process.stdout.write(`${imageTag(env, runner)}\n`);
      return;
    case 'images': {
      const plan = planImages(env, runner);
      process.stdout.write(`${describePlan(plan)}\n`);
      for (const image of plan.images.filter((i) => i.build)) {
        runner.run('docker', dockerBuildArgs(image, plan), { cwd: repoRoot });
      }
      process.stdout.write(`plan written to ${writePlan(plan)}\n`);
      return;
    }
    case 'push': {
      for (const result of pushImages(readPlan(), env, runner)) {
        process.stdout.write(`${result.imageUri}: ${result.how}\n`);
      }
      return;
    }
    case 'deploy':
      deploy(env, env.IMAGE_TAG ?? readPlan().tag, runner);
      return;
    case 'imagedefinitions':
      for (const file of writeImageDefinitions(env, env.IMAGE_TAG ?? readPlan().tag)) {
        process.stdout.write(`wrote ${file}\n`);
      }
      return;
    case 'web': {
      const outputs = publishWeb(env, runner);
      const site = outputs.WebUrl ? `, served at ${outputs.WebUrl}` : '';
      process.stdout.write(`web app published to s3://${outputs.WebBucketName}${site}\n`);
      return;
    }
    case 'chromium': {
      const plan = chromiumPlan(env, existsSync);
      runCommands(runner, plan.commands);
      process.stdout.write(`${plan.path}\n`);
      return;
    }
    default:
      throw new Error(
        `unknown command "${command ?? ''}": image-tag | images | push | deploy | imagedefinitions | web | chromium`,
      );
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
