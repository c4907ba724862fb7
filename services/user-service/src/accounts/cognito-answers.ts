import { EmailTakenError } from '@taskmgr/dynamo';
import { type CognitoErrorAnswers, cognitoFailure } from '../cognito/errors';
import { ChallengeRequiredError } from '../cognito/identity-provider';
import { type PasswordPolicy, weakPasswordProblem } from './password-policy';
import {
  accountNotConfirmed,
  expiredConfirmationCode,
  incorrectConfirmationCode,
  invalidCredentials,
  invalidRefreshToken,
  passwordResetRequired,
  unsupportedSignInStep,
} from './problems';

/**
 * What each flow answers for the Cognito errors it expects; throttling (429) and anything
 * unexpected (502) are common to all (cognito/errors.ts). Kept together so the whole table can
 * be read, and tested with the SDK's own exception classes, in one place.
 */

export function signUpFailure(error: unknown, policy: PasswordPolicy): unknown {
  return cognitoFailure(error, {
    UsernameExistsException: () => new EmailTakenError(),
    InvalidPasswordException: (cause) => weakPasswordProblem(policy, cause),
  });
}

// cognito-local answers a wrong password with InvalidPasswordException where Cognito (with
// user-existence errors prevented) says NotAuthorized: both are the same 401 here.
const SIGN_IN_ANSWERS: CognitoErrorAnswers = {
  NotAuthorizedException: invalidCredentials,
  UserNotFoundException: invalidCredentials,
  InvalidPasswordException: invalidCredentials,
  UserNotConfirmedException: accountNotConfirmed,
  PasswordResetRequiredException: passwordResetRequired,
};

export function signInFailure(error: unknown): unknown {
  if (error instanceof ChallengeRequiredError) return unsupportedSignInStep(error);
  return cognitoFailure(error, SIGN_IN_ANSWERS);
}

export function refreshFailure(error: unknown): unknown {
  return cognitoFailure(error, {
    NotAuthorizedException: invalidRefreshToken,
    UserNotFoundException: invalidRefreshToken,
  });
}

export function confirmFailure(error: unknown): unknown {
  return cognitoFailure(error, {
    CodeMismatchException: incorrectConfirmationCode,
    // Cognito's answer for an unknown address or an account already confirmed.
    NotAuthorizedException: incorrectConfirmationCode,
    UserNotFoundException: incorrectConfirmationCode,
    ExpiredCodeException: expiredConfirmationCode,
  });
}
