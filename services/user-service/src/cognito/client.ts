import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

export interface CognitoClientSettings {
  region: string;
  /** Set for cognito-local; unset on AWS. */
  endpoint: string | undefined;
}

// A hung Cognito call must fail well inside the gateway's 30 s integration timeout.
const CONNECTION_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 5_000;

export function createCognitoClient(
  settings: CognitoClientSettings,
): CognitoIdentityProviderClient {
  // Only an emulator speaks plain http (production refuses it); it ignores signatures, but the
  // SDK will not send admin calls unsigned, so a developer need not configure keys.
  const emulator = settings.endpoint?.startsWith('http://') === true;
  return new CognitoIdentityProviderClient({
    region: settings.region,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
    },
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(emulator && !process.env.AWS_ACCESS_KEY_ID
      ? { credentials: { accessKeyId: 'cognito-local', secretAccessKey: 'cognito-local' } }
      : {}),
  });
}
