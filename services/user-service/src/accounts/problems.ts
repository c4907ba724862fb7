import { HttpProblem, problemType } from '@taskmgr/service-kit';

// The same answer for an unknown address and a wrong password, so neither reveals accounts.
export function invalidCredentials(cause?: unknown): HttpProblem {
  return new HttpProblem(
    401,
    'Unauthorized',
    'Incorrect email address or password',
    {},
    { type: problemType('invalid-credentials'), cause },
  );
}

export function accountNotConfirmed(cause?: unknown): HttpProblem {
  return new HttpProblem(
    403,
    'Forbidden',
    'The account is not confirmed yet: confirm it with the code sent to your email address',
    {},
    { type: problemType('account-not-confirmed'), cause },
  );
}

export function passwordResetRequired(cause?: unknown): HttpProblem {
  return new HttpProblem(
    403,
    'Forbidden',
    'The password must be reset before signing in',
    {},
    { type: problemType('password-reset-required'), cause },
  );
}

export function unsupportedSignInStep(cause?: unknown): HttpProblem {
  return new HttpProblem(
    403,
    'Forbidden',
    'Signing in to this account needs a step this API does not offer',
    {},
    { type: problemType('sign-in-step-unsupported'), cause },
  );
}

export function invalidRefreshToken(cause?: unknown): HttpProblem {
  return new HttpProblem(
    401,
    'Unauthorized',
    'The refresh token is invalid, expired or revoked; sign in again',
    {},
    { type: problemType('invalid-refresh-token'), cause },
  );
}

/** A 400 for one body field, shaped like a schema validation failure. */
export function invalidField(field: string, message: string, detail: string): HttpProblem {
  return new HttpProblem(
    400,
    'Bad Request',
    detail,
    { errors: [{ field, in: 'body', message }] },
    { type: problemType('validation') },
  );
}

export function incorrectConfirmationCode(): HttpProblem {
  return invalidField(
    'code',
    'is incorrect or already used',
    'The confirmation code is incorrect or has already been used',
  );
}

export function expiredConfirmationCode(): HttpProblem {
  return invalidField(
    'code',
    'has expired',
    'The confirmation code has expired; register again to get a new one',
  );
}
