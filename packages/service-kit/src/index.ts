export {
  type BuildServiceAppOptions,
  buildServiceApp,
  type ServiceApp,
  type ServiceRoutes,
} from './app';
export {
  BaseServiceConfigSchema,
  type Env,
  loadServiceConfig,
  parseOrigins,
  type ServiceConfig,
} from './config';
export {
  asDomainError,
  DEFAULT_DOMAIN_ERROR_STATUS,
  type DomainErrorLike,
  type DomainErrorStatusMap,
  preconditionFailedOnIfMatch,
  type RouteDomainErrorStatus,
  routeDomainErrorStatus,
} from './errors/domain-errors';
export {
  BLANK_PROBLEM_TYPE,
  HttpProblem,
  type HttpProblemOptions,
  type ProblemDetails,
  problemType,
  statusTitle,
} from './errors/http-problem';
export { toProblem } from './errors/to-problem';
export {
  type FieldError,
  PATTERN_MESSAGE,
  type RequestPart,
  ROOT_FIELD,
  toFieldErrors,
} from './errors/validation-errors';
export {
  censorSecrets,
  createServiceLogger,
  REDACTED,
  redactUrl,
  SENSITIVE_FIELDS,
  SENSITIVE_KEYS,
  ServiceLogController,
} from './logger';
export { sendProblem } from './plugins/error-handler';
export { DOCS_PREFIX, type OpenApiTag } from './plugins/openapi';
export {
  keyFromBodyField,
  type RateLimitKey,
  type RouteRateLimitOptions,
  routeRateLimit,
} from './rate-limit';
export {
  DEFAULT_READINESS_TIMEOUT_MS,
  dynamoTableReadinessCheck,
  type ReadinessCheck,
  type ReadinessReport,
  runReadinessChecks,
} from './readiness';
export {
  generateRequestId,
  isValidRequestId,
  REQUEST_ID_HEADER,
  requestIdHeaders,
} from './request-id';
export {
  CheckResultSchema,
  LivenessSchema,
  NotReadyProblemSchema,
  ReadinessSchema,
} from './schemas/health';
export { nullableResponse } from './schemas/nullable';
export {
  bearerAuthSecurity,
  type ErrorResponses,
  type ErrorStatus,
  errorResponses,
  FieldErrorSchema,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type ProblemResponse,
  ProblemSchema,
  type ValidationProblem,
  ValidationProblemSchema,
} from './schemas/problem';
export { type ListenConfig, type RunServiceOptions, runService, startService } from './server';
