/** Variables the global setup hands to the browser test files. */
export const ENV = {
  webUrl: 'BROWSER_WEB_URL',
  gatewayUrl: 'BROWSER_GATEWAY_URL',
} as const;

/** How often the test build of the web app polls the unread count (30 s in a normal build). */
export const TEST_POLL_MS = 1000;
