import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { buildExampleApp } from '../support/example-app';

// Debian's chromium, as the browser tests use (see ARCHITECTURE.md §8).
const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);

it('renders the docs UI in a real browser under the helmet CSP', async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\``);
  }
  const { app } = await buildExampleApp();
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const { stdout, stderr } = await run(
      CHROMIUM,
      [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--enable-logging=stderr',
        '--v=0',
        // Lets Swagger UI fetch /docs/json and render before the DOM is dumped.
        '--virtual-time-budget=10000',
        '--dump-dom',
        `${url}/docs/`,
      ],
      { timeout: 45_000, maxBuffer: 20 * 1024 * 1024 },
    );
    expect(stderr).not.toMatch(/Content Security Policy/i);
    expect(stdout).toContain('data-path="/examples"');
    expect(stdout).toContain('data-path="/health/ready"');
  } finally {
    await app.close();
  }
}, 60_000);
