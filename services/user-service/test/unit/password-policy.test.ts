import {
  describePasswordPolicy,
  meetsPasswordPolicy,
  weakPasswordProblem,
} from '../../src/accounts/password-policy';

const BASIC = { minLength: 8, requireSymbol: false };
const STRICT = { minLength: 12, requireSymbol: true };

describe('password policy', () => {
  test.each([
    ['Abcdefg1', BASIC, true],
    ['Abcdef1', BASIC, false],
    ['abcdefg1', BASIC, false],
    ['ABCDEFG1', BASIC, false],
    ['Abcdefgh', BASIC, false],
    [' Abcdefg1', BASIC, false],
    ['Abcdefg1 ', BASIC, false],
    ['Abc defg1', BASIC, true],
    ['Abcdefghijk1', STRICT, false],
    ['Abcdefghij1!', STRICT, true],
    ['Abcdefghij1é', STRICT, false],
  ])('%j under %j → %s', (password, policy, expected) => {
    expect(meetsPasswordPolicy(password, policy)).toBe(expected);
  });

  test('the rules are named in words', () => {
    expect(describePasswordPolicy(BASIC)).toBe(
      'at least 8 characters, with an upper-case letter, a lower-case letter and a number',
    );
    expect(describePasswordPolicy(STRICT)).toBe(
      'at least 12 characters, with an upper-case letter, a lower-case letter, a number and a symbol such as ! or #',
    );
  });

  test('the problem names the policy and the password field', () => {
    const problem = weakPasswordProblem(BASIC).toProblem('/auth/register');
    expect(problem).toMatchObject({
      status: 400,
      type: 'urn:problem:validation',
      detail: expect.stringContaining('at least 8 characters'),
      errors: [{ field: 'password', in: 'body', message: expect.stringContaining('a number') }],
    });
  });
});
