export type { ConfigIssue } from './load-config';
export { ConfigError, loadConfig } from './load-config';
export { packageVersion } from './package-version';
export { LogLevelSetting, PortSetting } from './settings';
