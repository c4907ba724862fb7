import { type Static, Type } from '@sinclair/typebox';
import { ConfigError, type ConfigIssue, loadConfig } from '@taskmgr/config';

/**
 * The variables every service that authenticates requests reads. Meant to be composed into a
 * service's own schema (`Type.Composite([...])`); AWS_REGION is declared exactly as in
 * `@taskmgr/dynamo` so the composition stays compatible.
 */
export const AuthConfigSchema = Type.Object({
  AWS_REGION: Type.String({ default: 'us-east-1', minLength: 1 }),
  COGNITO_USER_POOL_ID: Type.String({
    pattern: '^[\\w-]+_[0-9a-zA-Z]+$',
    description: 'Cognito user pool id, e.g. eu-west-1_AbC123xyz',
  }),
  COGNITO_CLIENT_ID: Type.String({
    pattern: '^[\\w+]{1,128}$',
    description: 'the app client id that access tokens must carry in client_id',
  }),
  COGNITO_ISSUER: Type.Optional(
    Type.String({
      pattern: '^https?://\\S+$',
      description:
        'expected iss claim; defaults to https://cognito-idp.<AWS_REGION>.amazonaws.com/<COGNITO_USER_POOL_ID>',
    }),
  ),
  COGNITO_JWKS_URI: Type.Optional(
    Type.String({
      pattern: '^https?://\\S+$',
      description:
        'where signing keys are fetched from; defaults to <issuer>/.well-known/jwks.json',
    }),
  ),
});

export type AuthConfig = Static<typeof AuthConfigSchema>;

/** The auth settings with defaults applied and checked for the environment. */
export interface ResolvedAuthConfig {
  region: string;
  userPoolId: string;
  clientId: string;
  /** Compared exactly with the token's `iss`. */
  issuer: string;
  /** The only place signing keys are ever fetched from. */
  jwksUri: string;
}

export interface ResolveAuthConfigOptions {
  /** Defaults to `process.env.NODE_ENV`. */
  nodeEnv?: string | undefined;
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * Applies the issuer and JWKS defaults and refuses settings that are unsafe for the environment.
 * In production the issuer must be the real Cognito issuer of the configured pool: anything else,
 * cognito-local above all (its private signing key ships in its npm package), would let anyone
 * mint accepted tokens. Throws `ConfigError` naming the variable at fault.
 */
export function resolveAuthConfig(
  config: AuthConfig,
  options: ResolveAuthConfigOptions = {},
): ResolvedAuthConfig {
  const nodeEnv = 'nodeEnv' in options ? options.nodeEnv : process.env.NODE_ENV;
  const production = nodeEnv === 'production';
  const issues: ConfigIssue[] = [];
  const region = config.AWS_REGION;
  const cognitoIssuer = `https://cognito-idp.${region}.amazonaws.com/${config.COGNITO_USER_POOL_ID}`;

  if (!REGION_PATTERN.test(region) && (production || config.COGNITO_ISSUER === undefined)) {
    issues.push({ variable: 'AWS_REGION', message: `"${region}" is not an AWS region name` });
  }

  // Kept verbatim: the `iss` comparison is exact, so no normalising here.
  const issuer = config.COGNITO_ISSUER ?? cognitoIssuer;
  const issuerUrl = parseHttpUrl(issuer);
  if (!issuerUrl) {
    issues.push({ variable: 'COGNITO_ISSUER', message: 'must be an http(s) URL' });
  } else if (production && issuer !== cognitoIssuer) {
    issues.push({
      variable: 'COGNITO_ISSUER',
      message: `must be ${cognitoIssuer} when NODE_ENV=production (got ${issuer}); a local or foreign issuer is refused`,
    });
  }

  const jwksUri = config.COGNITO_JWKS_URI ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`;
  const jwksUrl = parseHttpUrl(jwksUri);
  if (!jwksUrl) {
    issues.push({ variable: 'COGNITO_JWKS_URI', message: 'must be an http(s) URL' });
  } else if (
    production &&
    (jwksUrl.protocol !== 'https:' || jwksUrl.origin !== issuerUrl?.origin)
  ) {
    issues.push({
      variable: 'COGNITO_JWKS_URI',
      message: `must be an https URL on the issuer's host when NODE_ENV=production (got ${jwksUri})`,
    });
  }

  if (issues.length > 0) throw new ConfigError(issues);
  return {
    region,
    userPoolId: config.COGNITO_USER_POOL_ID,
    clientId: config.COGNITO_CLIENT_ID,
    issuer,
    jwksUri,
  };
}

/** Reads, validates and resolves the auth settings from the environment in one step. */
export function loadAuthConfig(
  env: Record<string, string | undefined> = process.env,
): ResolvedAuthConfig {
  return resolveAuthConfig(loadConfig(AuthConfigSchema, env), { nodeEnv: env.NODE_ENV });
}

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
