export { ConfigError, loadConfig } from './load-config';
export type { ConfigIssue } from './load-config';
