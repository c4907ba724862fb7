/**
 * The delivery steps both pipelines run (Jenkinsfile and buildspec.yml call the root
 * package.json scripts, which call this):
 *   image-tag         print the tag for this build (IMAGE_TAG, else the commit)
 *   images            decide which images changed and build those (artifacts/images/plan.json)
 *   push              put all images into ENV_NAME's ECR repositories under the tag
 *   deploy            cdk deploy of the app stack with the new tags
 *   imagedefinitions  imagedefinitions.json and imageDetail.json for CodePipeline
 * --dry-run prints the docker/aws/cdk commands instead of running them (git still runs).
 */

import { deploy, writeImageDefinitions } from './deploy';
import { processRunner, type Runner, recordingRunner } from './exec';
import { describePlan, dockerBuildArgs, planImages, readPlan, writePlan } from './plan';
import { pushImages } from './registry';
import { imageTag, repoRoot } from './settings';

function dryRunner(): Runner {
  const recorder = recordingRunner();
  return {
    run(command, args) {
      recorder.run(command, args);
      process.stdout.write(`[dry-run] ${command} ${args.join(' ')}\n`);
    },
    capture(command, args, options) {
      if (command === 'git') return processRunner.capture(command, args, options);
      process.stdout.write(`[dry-run] ${command} ${args.join(' ')}\n`);
      return command === 'aws' && args[1] === 'get-login-password' ? 'dry-run' : undefined;
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
    default:
      throw new Error(
        `unknown command "${command ?? ''}": image-tag | images | push | deploy | imagedefinitions`,
      );
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
