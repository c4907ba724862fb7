import { Type } from '@sinclair/typebox';
import {
  ConfirmationCodeField,
  EmailField,
  NameField,
  NewPasswordField,
  PasswordField,
  PhoneNumberField,
  RefreshTokenField,
} from './fields';

const closed = { additionalProperties: false } as const;

export const RegisterBodySchema = Type.Object(
  {
    email: EmailField,
    password: NewPasswordField,
    firstName: NameField,
    lastName: NameField,
    phoneNumber: Type.Optional(PhoneNumberField),
  },
  { ...closed, title: 'RegisterRequest' },
);

export const ConfirmBodySchema = Type.Object(
  { email: EmailField, code: ConfirmationCodeField },
  { ...closed, title: 'ConfirmRequest' },
);

export const LoginBodySchema = Type.Object(
  { email: EmailField, password: PasswordField },
  { ...closed, title: 'LoginRequest' },
);

export const RefreshTokenBodySchema = Type.Object(
  { refreshToken: RefreshTokenField },
  { ...closed, title: 'RefreshTokenRequest' },
);

export const TokensSchema = Type.Object(
  {
    accessToken: Type.String({ description: 'Send as Authorization: Bearer <accessToken>' }),
    idToken: Type.String(),
    refreshToken: Type.String({ description: 'For POST /auth/refresh and POST /auth/logout' }),
    expiresIn: Type.Integer({ minimum: 0, description: 'Seconds until the access token expires' }),
    tokenType: Type.Literal('Bearer'),
  },
  { title: 'Tokens' },
);

export const ConfirmationRequiredSchema = Type.Object(
  {
    confirmationRequired: Type.Literal(true),
    deliveryMedium: Type.Optional(Type.String({ examples: ['EMAIL'] })),
    destination: Type.Optional(
      Type.String({ description: 'Masked address the code went to', examples: ['a***@e***'] }),
    ),
  },
  {
    title: 'ConfirmationRequired',
    description: 'The account exists; POST /auth/confirm with the emailed code, then log in',
  },
);

export const NoContentSchema = Type.Null({ description: 'No content' });
