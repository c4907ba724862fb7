import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticatedUser, requireAuthentication } from '@taskmgr/auth';
import { NotFoundError, type ProfileRepository } from '@taskmgr/dynamo';
import { errorResponses, preconditionFailedOnIfMatch } from '@taskmgr/service-kit';
import type { AccountDeletion } from '../accounts/account-deletion';
import type { ProfileEditor } from '../profile/profile-editor';
import { NoContentSchema } from '../schemas/auth';
import { IfMatchHeadersSchema, ProfilePatchSchema, ProfileSchema } from '../schemas/users';

export interface UserRoutesOptions {
  profiles: ProfileRepository;
  editor: ProfileEditor;
  accountDeletion: AccountDeletion;
}

const etagOf = (version: number) => `"${version}"`;

/** `"3"` → 3. Absent or `*` (any version) sets no precondition; the schema allows nothing else. */
function versionFromIfMatch(header: string | undefined): number | undefined {
  return header === undefined || header === '*' ? undefined : Number(header.slice(1, -1));
}

/** Routes for the signed-in user; the id comes from the verified access token only. */
export const userRoutes: FastifyPluginAsyncTypebox<UserRoutesOptions> = async (app, options) => {
  const { profiles, editor, accountDeletion } = options;
  await app.register(requireAuthentication);

  app.get(
    '/users/me',
    {
      schema: {
        tags: ['users'],
        summary: 'The signed-in user’s profile and notification preferences',
        response: { 200: ProfileSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const profile = await profiles.get(authenticatedUser(request).userId);
      if (!profile) throw new NotFoundError('profile');
      reply.header('etag', etagOf(profile.version));
      return profile;
    },
  );

  app.patch(
    '/users/me',
    {
      config: { domainErrorStatus: preconditionFailedOnIfMatch },
      schema: {
        tags: ['users'],
        summary: 'Change names, phone number or notification preferences',
        description:
          'SMS notifications need a phone number. With If-Match, a profile changed since that version answers 412.',
        headers: IfMatchHeadersSchema,
        body: ProfilePatchSchema,
        response: {
          200: ProfileSchema,
          ...errorResponses(400, 404, 409, 412, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const version = versionFromIfMatch(request.headers['if-match']);
      const profile = await editor.update(authenticatedUser(request).userId, request.body, version);
      reply.header('etag', etagOf(profile.version));
      return profile;
    },
  );

  app.delete(
    '/users/me',
    {
      schema: {
        tags: ['users'],
        summary: 'Delete the account and all its data',
        description:
          'Deletes the tasks, notifications, profile and email reservation, then the Cognito account. If it fails part-way, sending it again finishes the job.',
        response: { 204: NoContentSchema, ...errorResponses(429, 502) },
      },
    },
    async (request, reply) => {
      const user = authenticatedUser(request);
      await accountDeletion.delete({ userId: user.userId, username: user.username });
      request.log.info({ userId: user.userId }, 'account deleted');
      return reply.code(204).send(null);
    },
  );
};
