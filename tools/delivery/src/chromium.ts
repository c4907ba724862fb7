import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { PlannedCommand } from './exec';
import { type Env, repoRoot } from './settings';

/** Debian's package: what the browser tests launch unless CHROMIUM_PATH says otherwise. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The browser tests' own playwright-core, so a download matches the version that drives it. */
const browserTests = join(repoRoot, 'tools', 'browser');
export const playwrightCli = join(browserTests, 'node_modules', '.bin', 'playwright-core');

/** Where that playwright-core keeps (or would download) its Chrome for Testing build. */
export function playwrightChromium(): string {
  const load = createRequire(join(browserTests, 'package.json'));
  const { chromium } = load('playwright-core') as { chromium: { executablePath(): string } };
  return chromium.executablePath();
}

export interface ChromiumPlan {
  /** What CHROMIUM_PATH should be for `ci:test`. */
  readonly path: string;
  readonly commands: readonly PlannedCommand[];
}

/**
 * The chromium for the browser tests: CHROMIUM_PATH when set, else Debian's, else (CI images
 * without a chromium package) Playwright's download. Each ends by starting the binary once, so a
 * missing system library fails here and not in the middle of the tests.
 */
export function chromiumPlan(
  env: Env,
  exists: (path: string) => boolean,
  downloaded: () => string = playwrightChromium,
): ChromiumPlan {
  const check = (path: string): PlannedCommand => ({
    command: path,
    args: ['--version'],
    options: { stdout: 'stderr' },
  });
  if (env.CHROMIUM_PATH) {
    if (!exists(env.CHROMIUM_PATH)) {
      throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist`);
    }
    return { path: env.CHROMIUM_PATH, commands: [check(env.CHROMIUM_PATH)] };
  }
  if (exists(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, commands: [check(DEBIAN_CHROMIUM)] };
  const path = downloaded();
  return {
    path,
    commands: [
      {
        command: playwrightCli,
        args: ['install', '--no-shell', 'chromium'],
        // Our stdout is the path the pipeline captures; the download's log goes to stderr.
        options: { stdout: 'stderr' },
      },
      check(path),
    ],
  };
}
