import { CognitoIdentityProviderServiceException } from '@aws-sdk/client-cognito-identity-provider';
import { HttpProblem } from '@taskmgr/service-kit';

/** Cognito gave no usable answer: a timeout, a refused connection, a reply missing its data. */
export class CognitoUnreachableError extends Error {
  constructor(cause: unknown) {
    super('Cognito gave no usable answer', { cause });
    this.name = 'CognitoUnreachableError';
  }
}

/** The Cognito exception names this service reacts to. */
export type CognitoErrorName =
  | 'CodeMismatchException'
  | 'ExpiredCodeException'
  | 'InvalidPasswordException'
  | 'LimitExceededException'
  | 'NotAuthorizedException'
  | 'PasswordResetRequiredException'
  | 'TooManyFailedAttemptsException'
  | 'TooManyRequestsException'
  | 'UnsupportedTokenTypeException'
  | 'UserNotConfirmedException'
  | 'UserNotFoundException'
  | 'UsernameExistsException';

export function isCognitoError(error: unknown, ...names: CognitoErrorName[]): boolean {
  return error instanceof Error && (names as string[]).includes(error.name);
}

/** How one operation answers the Cognito errors it expects. */
export type CognitoErrorAnswers = Partial<Record<CognitoErrorName, (error: Error) => Error>>;

const THROTTLED: readonly CognitoErrorName[] = [
  'TooManyRequestsException',
  'LimitExceededException',
  'TooManyFailedAttemptsException',
];

/**
 * Turns an error from a Cognito call into what the client should see: the operation's own
 * answers first, throttling as 429, anything else as 502 with the original kept as the cause
 * (for the error log only; 5xx bodies never carry it). Errors that are not from Cognito, such as
 * a domain error raised between two calls, pass through untouched.
 */
export function cognitoFailure(error: unknown, answers: CognitoErrorAnswers = {}): unknown {
  if (!(error instanceof Error) || error instanceof HttpProblem) return error;
  const answer = answers[error.name as CognitoErrorName];
  if (answer) return answer(error);
  if (isCognitoError(error, ...THROTTLED)) {
    return HttpProblem.of(429, 'Too many attempts; wait a moment and try again', undefined, {
      headers: { 'retry-after': '1' },
      cause: error,
    });
  }
  const fromCognito =
    error instanceof CognitoIdentityProviderServiceException ||
    error instanceof CognitoUnreachableError;
  if (!fromCognito) return error;
  return HttpProblem.of(502, 'The identity provider could not complete the request', undefined, {
    cause: error,
  });
}
