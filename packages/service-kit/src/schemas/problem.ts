import { type Static, type TSchema, Type } from '@sinclair/typebox';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const FieldErrorSchema = Type.Object(
  {
    field: Type.String({
      description: 'Dotted path of the property, e.g. notificationPreferences.sms',
    }),
    in: Type.Union([
      Type.Literal('body'),
      Type.Literal('querystring'),
      Type.Literal('params'),
      Type.Literal('headers'),
    ]),
    message: Type.String(),
  },
  { additionalProperties: false },
);

const problemProperties = {
  type: Type.String({ description: 'URI identifying the problem type', examples: ['about:blank'] }),
  title: Type.String({ description: 'Short summary of the problem type' }),
  status: Type.Integer({ minimum: 400, maximum: 599 }),
  detail: Type.Optional(Type.String({ description: 'Explanation specific to this occurrence' })),
  instance: Type.Optional(Type.String({ description: 'The request path' })),
};

/** RFC 9457 problem details; extension members such as `code` are allowed. */
export const ProblemSchema = Type.Object(problemProperties, {
  additionalProperties: true,
  title: 'Problem',
});

export const ValidationProblemSchema = Type.Object(
  { ...problemProperties, errors: Type.Array(FieldErrorSchema) },
  { additionalProperties: true, title: 'ValidationProblem' },
);

export type Problem = Static<typeof ProblemSchema>;
export type ValidationProblem = Static<typeof ValidationProblemSchema>;

export type ErrorStatus =
  | 400
  | 401
  | 403
  | 404
  | 409
  | 412
  | 413
  | 415
  | 422
  | 428
  | 429
  | 500
  | 502
  | 503;

type SchemaFor<S extends ErrorStatus> = S extends 400
  ? typeof ValidationProblemSchema
  : typeof ProblemSchema;

export interface ProblemResponse<T extends TSchema> {
  description: string;
  content: { 'application/problem+json': { schema: T } };
}

export type ErrorResponses<S extends ErrorStatus> = {
  [K in S | 500]: ProblemResponse<SchemaFor<K>>;
};

const DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'The request is malformed or fails validation; `errors` names each field',
  401: 'Missing or invalid access token',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  412: 'The If-Match version is stale',
  413: 'The body exceeds the size limit',
  415: 'The body is not JSON',
  422: 'The request cannot be processed',
  428: 'A precondition header is required',
  429: 'Too many requests; see Retry-After',
  500: 'Unexpected server error',
  502: 'An upstream service failed',
  503: 'Temporarily unavailable; see Retry-After',
};

/**
 * The problem+json responses a route can produce, for its `response` schema and the OpenAPI
 * document: `response: { 200: TaskSchema, ...errorResponses(400, 404) }`. 500 is always added.
 */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): ErrorResponses<S> {
  const responses: Partial<Record<ErrorStatus, ProblemResponse<TSchema>>> = {};
  for (const status of [...statuses, 500 as const]) {
    responses[status] = {
      description: DESCRIPTIONS[status],
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: status === 400 ? ValidationProblemSchema : ProblemSchema,
        },
      },
    };
  }
  return responses as ErrorResponses<S>;
}

/** The OpenAPI security requirement for routes that take a Cognito access token. */
export const bearerAuthSecurity: Array<Record<string, string[]>> = [{ bearerAuth: [] }];
