import {
  CodeMismatchException,
  ExpiredCodeException,
  InvalidPasswordException,
  LimitExceededException,
  NotAuthorizedException,
  TooManyRequestsException,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { EmailTakenError } from '@taskmgr/dynamo';
import { HttpProblem, toProblem } from '@taskmgr/service-kit';
import {
  confirmFailure,
  refreshFailure,
  signInFailure,
  signUpFailure,
} from '../../src/accounts/cognito-answers';
import { ChallengeRequiredError } from '../../src/cognito/identity-provider';

// The SDK's own exception classes: what real Cognito responses are deserialised into.
const meta = { $metadata: { httpStatusCode: 400 } };
const POLICY = { minLength: 8, requireSymbol: false };

/** The problem body a client would receive, via the kit's one error mapping. */
function answered(error: unknown) {
  const { problem, headers } = toProblem(error, { EMAIL_TAKEN: 409 });
  return { ...problem, headers };
}

describe('what the client sees for each Cognito error', () => {
  test('UsernameExists → 409 email taken', () => {
    const mapped = signUpFailure(new UsernameExistsException({ message: 'x', ...meta }), POLICY);
    expect(mapped).toBeInstanceOf(EmailTakenError);
    expect(answered(mapped)).toMatchObject({ status: 409, type: 'urn:problem:email-taken' });
  });

  test('InvalidPassword at sign-up → 400 naming the policy and the password field', () => {
    const error = new InvalidPasswordException({
      message: 'Password did not conform with policy: Password must have symbol characters',
      ...meta,
    });
    expect(answered(signUpFailure(error, POLICY))).toMatchObject({
      status: 400,
      detail: expect.stringMatching(
        /at least 8 characters, with an upper-case letter.*\(Password did not conform with policy: Password must have symbol characters\)$/,
      ),
      errors: [expect.objectContaining({ field: 'password' })],
    });
  });

  test('NotAuthorized, UserNotFound and (cognito-local) InvalidPassword at login: one 401', () => {
    const bodies = [
      new NotAuthorizedException({ message: 'Incorrect username or password.', ...meta }),
      new UserNotFoundException({ message: 'User does not exist.', ...meta }),
      new InvalidPasswordException({ message: 'Invalid password', ...meta }),
    ].map((error) => answered(signInFailure(error)));
    expect(bodies[0]).toMatchObject({ status: 401, detail: 'Incorrect email address or password' });
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  test('UserNotConfirmed → 403', () => {
    const error = new UserNotConfirmedException({ message: 'User is not confirmed.', ...meta });
    expect(answered(signInFailure(error))).toMatchObject({
      status: 403,
      type: 'urn:problem:account-not-confirmed',
    });
  });

  test('a sign-in challenge this API does not offer → 403', () => {
    expect(answered(signInFailure(new ChallengeRequiredError('SOFTWARE_TOKEN_MFA')))).toMatchObject(
      {
        status: 403,
      },
    );
  });

  test.each([
    [
      'CodeMismatch',
      new CodeMismatchException({ message: 'x', ...meta }),
      'is incorrect or already used',
    ],
    ['ExpiredCode', new ExpiredCodeException({ message: 'x', ...meta }), 'has expired'],
    [
      'NotAuthorized (already confirmed)',
      new NotAuthorizedException({ message: 'x', ...meta }),
      'is incorrect or already used',
    ],
  ])('%s at confirm → 400 on the code field', (_case, error, message) => {
    expect(answered(confirmFailure(error))).toMatchObject({
      status: 400,
      errors: [{ field: 'code', in: 'body', message }],
    });
  });

  test('a revoked or unknown refresh token → 401', () => {
    const error = new NotAuthorizedException({
      message: 'Refresh Token has been revoked',
      ...meta,
    });
    expect(answered(refreshFailure(error))).toMatchObject({
      status: 401,
      type: 'urn:problem:invalid-refresh-token',
    });
  });

  test.each([
    ['TooManyRequests', new TooManyRequestsException({ message: 'Rate exceeded', ...meta })],
    ['LimitExceeded', new LimitExceededException({ message: 'Attempt limit exceeded', ...meta })],
  ])('%s → 429 with Retry-After, whatever the flow', (_case, error) => {
    for (const mapped of [
      signUpFailure(error, POLICY),
      signInFailure(error),
      refreshFailure(error),
      confirmFailure(error),
    ]) {
      expect(mapped).toBeInstanceOf(HttpProblem);
      expect(answered(mapped)).toMatchObject({ status: 429, headers: { 'retry-after': '1' } });
    }
  });
});
