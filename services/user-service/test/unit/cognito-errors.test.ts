import {
  InternalErrorException,
  NotAuthorizedException,
  TooManyRequestsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { EmailTakenError } from '@taskmgr/dynamo';
import { HttpProblem } from '@taskmgr/service-kit';
import { CognitoUnreachableError, cognitoFailure } from '../../src/cognito/errors';

const meta = { $metadata: {} };

describe('Cognito errors as client answers', () => {
  test("an operation's own answer wins", () => {
    const answer = HttpProblem.of(401, 'nope');
    const error = new NotAuthorizedException({
      message: 'Incorrect username or password.',
      ...meta,
    });
    expect(cognitoFailure(error, { NotAuthorizedException: () => answer })).toBe(answer);
  });

  test('throttling is a 429 with Retry-After', () => {
    const mapped = cognitoFailure(new TooManyRequestsException({ message: 'slow down', ...meta }));
    expect(mapped).toBeInstanceOf(HttpProblem);
    expect(mapped).toMatchObject({ status: 429, headers: { 'retry-after': '1' } });
  });

  test('anything else from Cognito is a 502 that keeps the original as its cause', () => {
    const original = new InternalErrorException({ message: 'boom', ...meta });
    const mapped = cognitoFailure(original);
    expect(mapped).toMatchObject({ status: 502, cause: original });
    expect(cognitoFailure(new CognitoUnreachableError(new Error('ECONNREFUSED')))).toMatchObject({
      status: 502,
    });
  });

  test('errors that are not from Cognito pass through', () => {
    const domain = new EmailTakenError();
    expect(cognitoFailure(domain)).toBe(domain);
    const plain = new Error('bug');
    expect(cognitoFailure(plain)).toBe(plain);
  });
});
