import { HttpProblem, problemType } from '@taskmgr/service-kit';

/** Mirrors the user pool's policy, so a weak password is refused before Cognito is called. */
export interface PasswordPolicy {
  minLength: number;
  requireSymbol: boolean;
}

// Cognito counts only these as symbols (and a space that is not leading or trailing).
const COGNITO_SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

interface CharacterRule {
  description: string;
  pattern: RegExp;
  applies(policy: PasswordPolicy): boolean;
}

const always = () => true;

const CHARACTER_RULES: readonly CharacterRule[] = [
  { description: 'an upper-case letter', pattern: /[A-Z]/, applies: always },
  { description: 'a lower-case letter', pattern: /[a-z]/, applies: always },
  { description: 'a number', pattern: /[0-9]/, applies: always },
  {
    description: 'a symbol such as ! or #',
    pattern: COGNITO_SYMBOL,
    applies: (policy) => policy.requireSymbol,
  },
];

/** e.g. "at least 8 characters, with an upper-case letter, a lower-case letter and a number". */
export function describePasswordPolicy(policy: PasswordPolicy): string {
  const parts = CHARACTER_RULES.filter((rule) => rule.applies(policy)).map((r) => r.description);
  const last = parts.pop();
  return `at least ${policy.minLength} characters, with ${parts.join(', ')} and ${last}`;
}

export function meetsPasswordPolicy(password: string, policy: PasswordPolicy): boolean {
  return (
    password.length >= policy.minLength &&
    // Cognito refuses leading and trailing whitespace.
    password.trim() === password &&
    CHARACTER_RULES.every((rule) => !rule.applies(policy) || rule.pattern.test(password))
  );
}

/**
 * The one answer to a weak password, whether this service or Cognito noticed it. Cognito's own
 * reason is added when it refused one this service let through, i.e. when the pool's policy is
 * stricter than PASSWORD_MIN_LENGTH / PASSWORD_REQUIRE_SYMBOL say.
 */
export function weakPasswordProblem(policy: PasswordPolicy, cognitoError?: Error): HttpProblem {
  const rules = describePasswordPolicy(policy);
  const reason = cognitoError?.message ? ` (${cognitoError.message})` : '';
  return new HttpProblem(
    400,
    'Bad Request',
    `The password does not meet the password policy: ${rules}, and no space at either end${reason}`,
    { errors: [{ field: 'password', in: 'body', message: `must have ${rules}` }] },
    { type: problemType('validation'), cause: cognitoError },
  );
}
