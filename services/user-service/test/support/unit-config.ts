import { loadUserServiceConfig, type UserServiceConfig } from '../../src/config';

/** Settings that point nowhere: enough to build the app, for tests that never leave it. */
export const OFFLINE_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  AWS_REGION: 'us-east-1',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  COGNITO_ENDPOINT: 'http://127.0.0.1:9',
  COGNITO_USER_POOL_ID: 'local_Offline1',
  COGNITO_CLIENT_ID: 'offlineclient',
  COGNITO_ISSUER: 'http://127.0.0.1:9/local_Offline1',
};

export function offlineConfig(env: Record<string, string> = {}): UserServiceConfig {
  return loadUserServiceConfig({ ...OFFLINE_ENV, ...env });
}
