import { type Static, Type } from '@sinclair/typebox';
import { AuthConfigSchema, type ResolvedAuthConfig, resolveAuthConfig } from '@taskmgr/auth';
import { ConfigError, type ConfigIssue } from '@taskmgr/config';
import { type Env, loadServiceConfig, type ServiceConfig } from '@taskmgr/service-kit';
import type { PasswordPolicy } from './accounts/password-policy';

/** The user service's own variables, on top of the kit's base ones. */
export const UserServiceEnvSchema = Type.Composite([
  AuthConfigSchema,
  Type.Object({
    COGNITO_ENDPOINT: Type.Optional(
      Type.String({
        pattern: '^https?://\\S+$',
        description: 'Cognito API endpoint; set for cognito-local, unset on AWS',
      }),
    ),
    AUTO_CONFIRM_SIGNUP: Type.Optional(
      Type.Boolean({
        description:
          'confirm new accounts without an emailed code; defaults to true outside production and is refused in production',
      }),
    ),
    PASSWORD_MIN_LENGTH: Type.Integer({
      default: 8,
      minimum: 6,
      maximum: 99,
      description: "must match the user pool's password policy",
    }),
    PASSWORD_REQUIRE_SYMBOL: Type.Boolean({
      default: false,
      description: "must match the user pool's password policy",
    }),
    AUTH_RATE_LIMIT_WINDOW_MS: Type.Integer({ default: 60_000, minimum: 1_000 }),
    AUTH_RATE_LIMIT_PER_IP: Type.Integer({
      default: 30,
      minimum: 1,
      description: 'requests per window, per client IP and /auth route',
    }),
    AUTH_RATE_LIMIT_PER_EMAIL: Type.Integer({
      default: 5,
      minimum: 1,
      description: 'requests per window, per email address and /auth route',
    }),
    SIGNUP_ORPHAN_GRACE_MS: Type.Integer({
      default: 120_000,
      minimum: 0,
      description: 'age after which a Cognito account without a profile is a failed registration',
    }),
    UNCONFIRMED_SIGNUP_TTL_MS: Type.Integer({
      default: 86_400_000,
      minimum: 0,
      description: 'age after which a never-confirmed registration gives its email up',
    }),
  }),
]);

export type UserServiceConfig = ServiceConfig & Static<typeof UserServiceEnvSchema>;

export interface RateLimitSettings {
  windowMs: number;
  perIp: number;
  perEmail: number;
}

/** What the app runs with, after the environment-dependent defaults and checks. */
export interface UserServiceSettings {
  auth: ResolvedAuthConfig;
  cognitoEndpoint: string | undefined;
  autoConfirmSignUp: boolean;
  passwordPolicy: PasswordPolicy;
  rateLimits: RateLimitSettings;
  signUpOrphanGraceMs: number;
  unconfirmedSignUpTtlMs: number;
}

export function loadUserServiceConfig(env: Env = process.env): UserServiceConfig {
  return loadServiceConfig(UserServiceEnvSchema, env);
}

/**
 * Applies the defaults that depend on NODE_ENV and refuses unsafe production settings. Auto-confirm
 * is refused in production outright: it would let anyone claim an address they do not own, and
 * an environment that really wants it should use a pre-sign-up trigger on the pool instead.
 * Throws ConfigError naming each variable at fault, which `runService` prints before exiting.
 */
export function resolveUserServiceSettings(config: UserServiceConfig): UserServiceSettings {
  const production = config.NODE_ENV === 'production';
  const issues: ConfigIssue[] = [];
  let auth: ResolvedAuthConfig | undefined;
  try {
    auth = resolveAuthConfig(config, { nodeEnv: config.NODE_ENV });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues.push(...error.issues);
  }
  const autoConfirmSignUp = config.AUTO_CONFIRM_SIGNUP ?? !production;
  if (production && autoConfirmSignUp) {
    issues.push({
      variable: 'AUTO_CONFIRM_SIGNUP',
      message: 'must not be true when NODE_ENV=production: users must prove they own the address',
    });
  }
  if (production && config.COGNITO_ENDPOINT?.startsWith('http://')) {
    issues.push({
      variable: 'COGNITO_ENDPOINT',
      message: 'must be an https URL (or unset) when NODE_ENV=production',
    });
  }
  if (issues.length > 0 || !auth) throw new ConfigError(issues);
  return {
    auth,
    cognitoEndpoint: config.COGNITO_ENDPOINT,
    autoConfirmSignUp,
    passwordPolicy: {
      minLength: config.PASSWORD_MIN_LENGTH,
      requireSymbol: config.PASSWORD_REQUIRE_SYMBOL,
    },
    rateLimits: {
      windowMs: config.AUTH_RATE_LIMIT_WINDOW_MS,
      perIp: config.AUTH_RATE_LIMIT_PER_IP,
      perEmail: config.AUTH_RATE_LIMIT_PER_EMAIL,
    },
    signUpOrphanGraceMs: config.SIGNUP_ORPHAN_GRACE_MS,
    unconfirmedSignUpTtlMs: config.UNCONFIRMED_SIGNUP_TTL_MS,
  };
}
