import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

export interface AuthProps {
  readonly prefix: string;
  readonly retainData: boolean;
  /** When set, Cognito sends verification mail through SES from this (verified) address. */
  readonly sesFromEmail?: string;
}

/** The scope every Cognito access token from InitiateAuth carries; the authorizer requires it. */
export const USER_TOKEN_SCOPE = 'aws.cognito.signin.user.admin';

/** The part of the password policy that can vary; the user service is told the same values. */
export interface PasswordPolicy {
  readonly minLength: number;
  readonly requireSymbols: boolean;
}

/**
 * The one password policy: the pool enforces it and the user service pre-checks it (so a weak
 * password gets a 400 naming the rules). Upper case, lower case and a digit are always required,
 * because the user service's check always requires them.
 */
export const PASSWORD_POLICY: PasswordPolicy = { minLength: 12, requireSymbols: true };

/** The user service's copy of the policy, as the variables its config schema reads. */
export function passwordPolicyEnvironment(
  policy: PasswordPolicy,
): Record<'PASSWORD_MIN_LENGTH' | 'PASSWORD_REQUIRE_SYMBOL', string> {
  return {
    PASSWORD_MIN_LENGTH: String(policy.minLength),
    PASSWORD_REQUIRE_SYMBOL: String(policy.requireSymbols),
  };
}

/**
 * Cognito owns credentials. Users sign in with their email; the web app is a public client
 * (no secret) that uses USER_PASSWORD_AUTH through the user service, with short access tokens
 * and revocable refresh tokens (logout revokes).
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  /** What the pool enforces; the user service's PASSWORD_* variables are made from it. */
  readonly passwordPolicy: PasswordPolicy = PASSWORD_POLICY;
  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>`: the `iss` the services verify. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `${props.prefix}-users`,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed email only replaces the old one once the new one is verified.
      keepOriginal: { email: true },
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.CODE,
        emailSubject: 'Your Task Manager verification code',
        emailBody: 'Your Task Manager verification code is {####}',
      },
      standardAttributes: {
        email: { required: true, mutable: true },
        givenName: { required: false, mutable: true },
        familyName: { required: false, mutable: true },
        phoneNumber: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: this.passwordPolicy.minLength,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: this.passwordPolicy.requireSymbols,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      ...(props.sesFromEmail
        ? {
            email: cognito.UserPoolEmail.withSES({
              fromEmail: props.sesFromEmail,
              fromName: 'Task Manager',
              sesRegion: Stack.of(this).region,
            }),
          }
        : {}),
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP) rather than required: the product signs users up from the web app with email and password; users can enrol a TOTP factor, and SMS MFA is off to avoid SMS cost and SIM-swap risk.',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'The Essentials feature plan is used; Plus (threat protection) is billed per monthly active user, which the cost estimate excludes. Switching is a one-line featurePlan change, documented in the README.',
    );

    const attributes = new cognito.ClientAttributes().withStandardAttributes({
      email: true,
      givenName: true,
      familyName: true,
      phoneNumber: true,
    });
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: `${props.prefix}-web`,
      generateSecret: false,
      authFlows: { userPassword: true },
      // No hosted UI and no OAuth flows: tokens come only from InitiateAuth with the password.
      disableOAuth: true,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.days(30),
      authSessionValidity: Duration.minutes(3),
      readAttributes: attributes.withStandardAttributes({
        emailVerified: true,
        phoneNumberVerified: true,
      }),
      writeAttributes: attributes,
    });

    // The ProviderURL attribute has no scheme; the services compare `iss` with the full URL.
    const stack = Stack.of(this);
    this.issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}
