import { Type } from '@sinclair/typebox';
import { PATTERN_MESSAGE } from '@taskmgr/service-kit';
import {
  NameField,
  NullablePhoneNumberField,
  NullableStringField,
  NullableTimestampField,
} from './fields';

export const NotificationPreferencesSchema = Type.Object(
  {
    email: Type.Boolean({ description: 'Task reminders and completions by email' }),
    sms: Type.Boolean({ description: 'By SMS; needs a phone number' }),
  },
  { additionalProperties: false },
);

export const ProfileSchema = Type.Object(
  {
    userId: Type.String({ description: 'The Cognito sub' }),
    email: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    phoneNumber: NullableStringField,
    notificationPreferences: NotificationPreferencesSchema,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    lastLogin: NullableTimestampField,
    version: Type.Integer({ minimum: 1, description: 'Also sent as the ETag' }),
  },
  { title: 'Profile' },
);

export const ProfilePatchSchema = Type.Object(
  {
    firstName: Type.Optional(NameField),
    lastName: Type.Optional(NameField),
    phoneNumber: Type.Optional(NullablePhoneNumberField),
    notificationPreferences: Type.Optional(
      Type.Object(
        {
          email: Type.Optional(Type.Boolean()),
          sms: Type.Optional(Type.Boolean({ description: 'true needs a phone number' })),
        },
        { additionalProperties: false, minProperties: 1 },
      ),
    ),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    title: 'ProfilePatch',
    description:
      'Only the fields given change; in notificationPreferences, only the channels given',
  },
);

export const IfMatchHeadersSchema = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      pattern: '^(\\*|"[0-9]+")$',
      [PATTERN_MESSAGE]: 'must be the ETag from GET /users/me (a quoted number) or *',
      description: 'The ETag from GET /users/me; a stale one answers 412',
    }),
  ),
});
