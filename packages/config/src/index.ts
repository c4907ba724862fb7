export type { ConfigIssue } from './load-config';
export { ConfigError, loadConfig } from './load-config';
export { LogLevelSetting, PortSetting } from './settings';
