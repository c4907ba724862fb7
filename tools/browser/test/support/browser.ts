/**
 * Debian's chromium through playwright-core (no browser download), and a watch on every page
 * that turns any console error, uncaught exception, failed request or unexpected HTTP error
 * into a test failure.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Page,
  type Request,
} from 'playwright-core';
import type { BrowserGlobals } from './dom';
import { ENV } from './protocol';

const repoRoot = join(__dirname, '..', '..', '..', '..');
export const SCREENSHOT_DIR = join(repoRoot, 'artifacts', 'screenshots');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// What this machine (and CI, root in a container) needs; nothing reaches out to the internet.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 375, height: 812 };

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser project, whose setup sets it`);
  return value;
}

export const webUrl = (path = '/'): string => `${required(ENV.webUrl)}${path}`;
export const gatewayUrl = (): string => required(ENV.gatewayUrl);

/** Launches chromium; playwright gives each launch a fresh, temporary user-data-dir. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * A time zone in which it is now about noon, so "due today" and "due within 24 h" never
 * depend on when the suite runs. Etc/GMT-N is UTC+N (the sign is inverted by convention).
 */
export function noonTimeZone(now = new Date()): { timezoneId: string; offsetHours: number } {
  const offsetHours = 12 - now.getUTCHours();
  const timezoneId =
    offsetHours === 0 ? 'Etc/GMT' : `Etc/GMT${offsetHours > 0 ? '-' : '+'}${Math.abs(offsetHours)}`;
  return { timezoneId, offsetHours };
}

export interface ExpectedResponse {
  method: string;
  /** Matched against the URL's path. */
  path: RegExp;
  status: number;
}

/** What went wrong on a page, collected as it happens; `assertClean` fails the test. */
export class PageWatch {
  readonly problems: string[] = [];
  private readonly expected: ExpectedResponse[] = [];
  /** URLs of responses that were expected, so the console line chromium adds is too. */
  private readonly expectedUrls = new Set<string>();
  private readonly loadFailures: string[] = [];
  private readonly inFlight = new Set<Request>();
  /** Requests still running when the page navigated away: the browser cancels those. */
  private readonly abandoned = new WeakSet<Request>();
  /** From the main frame's navigation request until the new page commits. */
  private navigating = false;

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location().url;
      // Chromium's line for an HTTP error may come before or after the response event, so
      // whether it was expected is decided when the test asks.
      if (message.text().startsWith('Failed to load resource')) this.loadFailures.push(url);
      else this.problems.push(`console error: ${message.text()} (${url})`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error.message}`));
    // The old page runs until the new one commits, so both moments count: what is running when
    // the navigation starts, and what the old page started meanwhile.
    const abandonRunning = () => {
      for (const running of this.inFlight) {
        if (!running.isNavigationRequest()) this.abandoned.add(running);
      }
    };
    const isMainNavigation = (request: Request) =>
      request.isNavigationRequest() && request.frame() === page.mainFrame();
    page.on('request', (request) => {
      if (isMainNavigation(request)) {
        this.navigating = true;
        abandonRunning();
      }
      this.inFlight.add(request);
    });
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      abandonRunning();
      this.navigating = false;
    });
    page.on('requestfinished', (request) => this.inFlight.delete(request));
    page.on('requestfailed', (request) => {
      this.inFlight.delete(request);
      const failure = request.failure()?.errorText ?? 'failed';
      if (isMainNavigation(request)) this.navigating = false;
      // A reload or a new address cancels what the old page had running (a poll, a prefetch).
      // chromium may report that before the commit itself, while the navigation is pending.
      const cancelledByNavigation = this.abandoned.has(request) || this.navigating;
      if (failure === 'net::ERR_ABORTED' && cancelledByNavigation) return;
      // Next's router cancels its own fetches once they are moot: RSC payloads (`_rsc`) for a
      // superseded navigation, and HEAD prefetch probes (chromium also reports every answered
      // HEAD as aborted once it drops the empty body). A server failure still shows as a status.
      const routerFetch =
        request.method() === 'HEAD' || new URL(request.url()).searchParams.has('_rsc');
      if (failure === 'net::ERR_ABORTED' && routerFetch) return;
      this.problems.push(`request failed: ${request.method()} ${request.url()} (${failure})`);
    });
    page.on('response', (response) => {
      const request = response.request();
      if (response.status() < 400) return;
      const path = new URL(response.url()).pathname;
      const index = this.expected.findIndex(
        (e) => e.method === request.method() && e.path.test(path) && e.status === response.status(),
      );
      if (index >= 0) {
        this.expected.splice(index, 1);
        this.expectedUrls.add(response.url());
        return;
      }
      this.problems.push(`HTTP ${response.status()}: ${request.method()} ${response.url()}`);
    });
  }

  /** The next response like this one is part of the test, not a failure. */
  expect(method: string, path: RegExp, status: number): void {
    this.expected.push({ method, path, status });
  }

  /** Fails on anything collected since the last call, then starts afresh. */
  assertClean(): void {
    const unmet = this.expected.map(
      (e) => `expected but not seen: ${e.method} ${e.path} ${e.status}`,
    );
    const loadFailures = this.loadFailures
      .splice(0)
      .filter((url) => !this.expectedUrls.has(url))
      .map((url) => `console error: failed to load ${url}`);
    const problems = [...this.problems.splice(0), ...loadFailures, ...unmet];
    this.expected.length = 0;
    expect(problems).toEqual([]);
  }
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
  offsetHours: number;
}

export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<OpenedPage> {
  const { timezoneId, offsetHours } = noonTimeZone();
  const context = await browser.newContext({
    viewport,
    timezoneId,
    locale: 'en-GB',
    deviceScaleFactor: 1,
    ...(viewport.width < 600 ? { isMobile: true, hasTouch: true } : {}),
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page, watch: new PageWatch(page), offsetHours };
}

/** A full-page screenshot under artifacts/screenshots, named by page and width. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
}

/** `YYYY-MM-DDTHH:mm` for a datetime-local input, in the page's time zone. */
export function localInputValue(at: Date, offsetHours: number): string {
  return new Date(at.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 16);
}

/** `YYYY-MM-DD` in the page's time zone. */
export function localDate(at: Date, offsetHours: number): string {
  return localInputValue(at, offsetHours).slice(0, 10);
}

/**
 * Fails when the page is wider than the viewport it was given (a sideways scroll on a phone).
 * The configured width, not innerWidth: a mobile layout viewport grows to fit wide content.
 */
export async function assertNoHorizontalScroll(page: Page): Promise<void> {
  const content = await page.evaluate(
    () => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth,
  );
  expect(content).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}
