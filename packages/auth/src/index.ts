export type { AuthConfig, ResolveAuthConfigOptions, ResolvedAuthConfig } from './config';
export { AuthConfigSchema, loadAuthConfig, resolveAuthConfig } from './config';
export type { TokenRejection } from './errors';
export { InvalidAccessTokenError, JwksUnavailableError } from './errors';
export type { JwksCacheOptions } from './jwks-cache';
export type { AuthenticateHandler, AuthPluginOptions, AuthProblem } from './plugin';
export {
  AuthProblemSchema,
  authenticatedUser,
  authPlugin,
  bearerAuthSecuritySchemes,
  requireAuthentication,
} from './plugin';
/** Helpers for tests against cognito-local; not for production code paths. */
export * as authTesting from './testing';
export { VerifiedTokenCache } from './verified-token-cache';
export type {
  AccessTokenVerifier,
  AccessTokenVerifierOptions,
  AuthenticatedUser,
} from './verifier';
export { createAccessTokenVerifier } from './verifier';
