import { join } from 'node:path';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { authPlugin, createAccessTokenVerifier } from '@taskmgr/auth';
import { packageVersion } from '@taskmgr/config';
import { createDynamoClients, type DynamoClients, ProfileRepository } from '@taskmgr/dynamo';
import {
  buildServiceApp,
  dynamoTableReadinessCheck,
  HttpProblem,
  type ServiceApp,
} from '@taskmgr/service-kit';
import type { DestinationStream } from 'pino';
import { AccountDeletion } from './accounts/account-deletion';
import { EmailOwnerLookup } from './accounts/email-owner';
import { Registration } from './accounts/registration';
import { Sessions } from './accounts/sessions';
import { createCognitoClient } from './cognito/client';
import { CognitoIdentityProvider } from './cognito/identity-provider';
import { resolveUserServiceSettings, type UserServiceConfig } from './config';
import { ProfileEditor } from './profile/profile-editor';
import { authRoutes } from './routes/auth';
import { userRoutes } from './routes/users';

export const SERVICE_NAME = 'user-service';

/** What tests (or another host) may supply instead of the clients built from the config. */
export interface UserServiceDeps {
  dynamo?: DynamoClients;
  cognitoClient?: CognitoIdentityProviderClient;
  loggerDestination?: DestinationStream;
  now?: () => Date;
}

/**
 * The user service as a Fastify app on the service kit, ready for `inject` or `startService`.
 * Throws ConfigError for settings that are unsafe for NODE_ENV. Clients it creates itself are
 * closed with the app; supplied ones belong to the caller.
 */
export async function buildApp(
  config: UserServiceConfig,
  deps: UserServiceDeps = {},
): Promise<ServiceApp> {
  const settings = resolveUserServiceSettings(config);
  const dynamo = deps.dynamo ?? createDynamoClients(config);
  const cognitoClient =
    deps.cognitoClient ??
    createCognitoClient({ region: config.AWS_REGION, endpoint: settings.cognitoEndpoint });
  const now = deps.now ?? (() => new Date());

  const verifier = createAccessTokenVerifier(settings.auth);
  const identity = new CognitoIdentityProvider(cognitoClient, {
    userPoolId: settings.auth.userPoolId,
    clientId: settings.auth.clientId,
  });
  const profiles = new ProfileRepository({ doc: dynamo.doc, tableName: dynamo.tableName, now });
  const accountDeletion = new AccountDeletion(identity, profiles);
  const sessions = new Sessions({
    identity,
    profiles,
    verifier,
    autoConfirmSignUp: settings.autoConfirmSignUp,
    now,
  });
  const registration = new Registration({
    identity,
    profiles,
    emailOwners: new EmailOwnerLookup(dynamo),
    sessions,
    accountDeletion,
    autoConfirmSignUp: settings.autoConfirmSignUp,
    passwordPolicy: settings.passwordPolicy,
    existingAccounts: {
      orphanGraceMs: settings.signUpOrphanGraceMs,
      unconfirmedTtlMs: settings.unconfirmedSignUpTtlMs,
    },
    now,
  });

  const app = await buildServiceApp({
    name: SERVICE_NAME,
    version: packageVersion(join(__dirname, '..')),
    config,
    // Only the table: the verifier keeps its keys through a short Cognito outage, so a JWKS check
    // would take healthy tasks out of the load balancer for nothing.
    readinessChecks: [dynamoTableReadinessCheck(dynamo)],
    ...(deps.loggerDestination ? { loggerDestination: deps.loggerDestination } : {}),
    openapi: {
      description: 'Registration, login and tokens (Cognito), and the user profile',
      tags: [
        { name: 'auth', description: 'Public: registration, confirmation, login, tokens' },
        { name: 'users', description: 'The signed-in user (Bearer access token)' },
      ],
    },
    routes: async (scope) => {
      // A 502 names no internals to the client; the Cognito error behind it goes to the log here,
      // whatever level the kit logs authored 5xx answers at.
      scope.addHook('onError', async (request, _reply, error) => {
        if (error instanceof HttpProblem && error.status >= 500 && error.cause !== undefined) {
          request.log.error({ err: error.cause }, 'upstream call failed');
        }
      });
      await scope.register(authPlugin, { verifier });
      await scope.register(authRoutes, {
        registration,
        sessions,
        rateLimits: settings.rateLimits,
      });
      await scope.register(userRoutes, {
        profiles,
        editor: new ProfileEditor(profiles),
        accountDeletion,
      });
    },
  });

  app.addHook('onClose', async () => {
    if (!deps.cognitoClient) cognitoClient.destroy();
    if (!deps.dynamo) dynamo.client.destroy();
  });
  return app;
}
