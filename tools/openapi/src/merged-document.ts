/**
 * The merged OpenAPI document the gateway serves at /docs/json, built without a running stack:
 * each service's app is built with settings that point nowhere (nothing is contacted), asked
 * for its own document in process, and the documents go through the gateway's own merge.
 */
import { type ServiceId, serviceIds, services } from '@taskmgr/route-table';
import type { ServiceApp } from '@taskmgr/service-kit';
import { buildApp as buildNotificationApp } from '../../../services/notification-service/src/app';
import { loadNotificationServiceConfig } from '../../../services/notification-service/src/config';
import { buildApp as buildTaskApp } from '../../../services/task-service/src/app';
import { loadTaskServiceConfig } from '../../../services/task-service/src/config';
import { buildApp as buildUserApp } from '../../../services/user-service/src/app';
import { loadUserServiceConfig } from '../../../services/user-service/src/config';
import {
  mergeOpenApi,
  type OpenApiDocument,
  type ServiceDocument,
} from '../../gateway/src/docs/merge-openapi';

// Port 9 (discard) on loopback: building an app never connects, and nothing here sends a request.
const OFFLINE_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  AWS_REGION: 'us-east-1',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  COGNITO_ENDPOINT: 'http://127.0.0.1:9',
  COGNITO_USER_POOL_ID: 'local_Offline1',
  COGNITO_CLIENT_ID: 'offlineclient',
  COGNITO_ISSUER: 'http://127.0.0.1:9/local_Offline1',
  // The notification service's workers would start polling DynamoDB once the app is ready.
  COMPLETION_POLL_INTERVAL_MS: '0',
  REMINDER_INTERVAL_SECONDS: '0',
};

const builders: Record<ServiceId, () => Promise<ServiceApp>> = {
  user: () => buildUserApp(loadUserServiceConfig(OFFLINE_ENV)),
  task: () => buildTaskApp(loadTaskServiceConfig(OFFLINE_ENV)),
  notification: () => buildNotificationApp({ config: loadNotificationServiceConfig(OFFLINE_ENV) }),
};

async function serviceDocument(id: ServiceId): Promise<ServiceDocument> {
  const app = await builders[id]();
  try {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    if (response.statusCode !== 200) {
      throw new Error(`${services[id].name} answered ${response.statusCode} for /docs/json`);
    }
    return { service: services[id], document: response.json() as OpenApiDocument };
  } finally {
    await app.close();
  }
}

export async function buildMergedDocument(): Promise<OpenApiDocument> {
  // Building the services' DynamoDB clients would warn about the Node version on every run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const sources: ServiceDocument[] = [];
  for (const id of serviceIds) sources.push(await serviceDocument(id));
  return mergeOpenApi(sources, {
    title: 'Task management API',
    version: '0',
    description: 'The public API of the task-management platform, as served through the gateway.',
  });
}
