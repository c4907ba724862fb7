import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchDeleteAll } from '../batch-write';
import { AlreadyExistsError, EmailTakenError } from '../errors';
import { ExpressionAttributes, type UpdatePlan, updateExpression } from '../expression';
import {
  buildEmailGuardItem,
  buildProfileItem,
  type NewProfile,
  type NotificationPreferences,
  type Profile,
  type ProfileItem,
  toProfile,
} from '../items';
import { emailGuardKey, type ItemKey, normalizeEmail, profileKey, userPartition } from '../keys';
import { queryAllPages } from '../paged-query';
import { Attr, IndexName } from '../table-definition';
import { transactWrite } from '../transact-write';
import { conditionHeld, notFoundOrVersionConflict, withConditionMapping } from '../write-errors';
import { putIfAbsent, TableRepository } from './table-repository';

export interface ProfilePatch {
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** null (or an empty string) removes the number. */
  phoneNumber?: string | null | undefined;
  /** Only the channels given change. */
  notificationPreferences?: Partial<NotificationPreferences> | undefined;
}

export interface DeleteUserDataResult {
  /** Tasks, notifications and any other items in the user's partition, the profile excluded. */
  deletedItems: number;
  emailGuardDeleted: boolean;
  profileDeleted: boolean;
}

export class ProfileRepository extends TableRepository {
  /**
   * Writes the profile and its EMAIL_ guard in one transaction: the guard's
   * attribute_not_exists is what makes an email unique (EmailIndex is only eventually consistent).
   * Throws EmailTakenError, or AlreadyExistsError when this user already has a profile.
   */
  async create(input: NewProfile): Promise<Profile> {
    const now = this.now();
    const profile = buildProfileItem(input, now);
    const guard = buildEmailGuardItem(input.email, input.userId, now);
    await transactWrite(this.doc, [
      {
        write: { Put: putIfAbsent(this.tableName, profile) },
        onConditionFailed: () => new AlreadyExistsError('profile'),
      },
      {
        write: { Put: putIfAbsent(this.tableName, guard) },
        onConditionFailed: () => new EmailTakenError(),
      },
    ]);
    return toProfile(profile);
  }

  async get(userId: string): Promise<Profile | undefined> {
    const item = await this.getItem(userId);
    return item ? toProfile(item) : undefined;
  }

  /** EmailIndex is eventually consistent: fine for lookups, never for uniqueness. */
  async findUserIdByEmail(email: string): Promise<string | undefined> {
    const output = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: IndexName.email,
        KeyConditionExpression: '#email = :email',
        ExpressionAttributeNames: { '#email': Attr.email, '#userId': 'UserId' },
        ExpressionAttributeValues: { ':email': normalizeEmail(email) },
        ProjectionExpression: '#userId',
        Limit: 1,
      }),
    );
    const userId = output.Items?.[0]?.UserId;
    return typeof userId === 'string' ? userId : undefined;
  }

  /**
   * Applies the patch in one conditional write that bumps Version. Throws NotFoundError, or
   * VersionConflictError when `expectedVersion` is given and stale.
   */
  async update(userId: string, patch: ProfilePatch, expectedVersion?: number): Promise<Profile> {
    const attrs = new ExpressionAttributes();
    const conditions = [`attribute_exists(${attrs.name(Attr.partition)})`];
    if (expectedVersion !== undefined) {
      conditions.push(`${attrs.name('Version')} = ${attrs.value(expectedVersion)}`);
    }
    const output = await withConditionMapping(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(userId),
          UpdateExpression: updateExpression(profileUpdatePlan(patch, this.now()), attrs),
          ConditionExpression: conditions.join(' AND '),
          ...attrs.toInput(),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
      notFoundOrVersionConflict('profile', expectedVersion),
    );
    return toProfile(output.Attributes as ProfileItem);
  }

  /**
   * Stamps LastLogin. It leaves Version alone: a login is not an edit, and bumping it would make
   * a PATCH sent with a just-read version fail for no visible reason.
   */
  async recordLogin(userId: string): Promise<void> {
    await withConditionMapping(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(userId),
          UpdateExpression: 'SET #lastLogin = :now',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#lastLogin': 'LastLogin', '#pk': Attr.partition },
          ExpressionAttributeValues: { ':now': this.now().toISOString() },
        }),
      ),
      notFoundOrVersionConflict('profile'),
    );
  }

  /**
   * Deletes everything the user owns: first the partition's other items, then the email guard,
   * then the profile. The profile goes last because it is how a re-run finds the email, so an
   * interrupted deletion can simply be run again.
   */
  async deleteUserData(userId: string): Promise<DeleteUserDataResult> {
    const profile = await this.getItem(userId);
    const partition = userPartition(userId);
    let deletedItems = 0;
    const pages = queryAllPages<ItemKey>(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': Attr.partition, '#sk': Attr.sort },
      ExpressionAttributeValues: { ':pk': partition },
      ProjectionExpression: '#pk, #sk',
      ConsistentRead: true,
    });
    for await (const page of pages) {
      const keys = page.filter((key) => key.EntitySort !== partition);
      await batchDeleteAll(this.doc, this.tableName, keys);
      deletedItems += keys.length;
    }
    const emailGuardDeleted = profile ? await this.deleteEmailGuard(profile.Email, userId) : false;
    const profileDeleted = await this.deleteProfileItem(userId);
    return { deletedItems, emailGuardDeleted, profileDeleted };
  }

  private async getItem(userId: string): Promise<ProfileItem | undefined> {
    const output = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: profileKey(userId), ConsistentRead: true }),
    );
    return output.Item as ProfileItem | undefined;
  }

  /** Only this user's guard: the address may already belong to someone else. */
  private async deleteEmailGuard(email: string, userId: string): Promise<boolean> {
    return this.deleteIf(emailGuardKey(email), {
      ConditionExpression: '#userId = :userId',
      ExpressionAttributeNames: { '#userId': 'UserId' },
      ExpressionAttributeValues: { ':userId': userId },
    });
  }

  private async deleteProfileItem(userId: string): Promise<boolean> {
    return this.deleteIf(profileKey(userId), {
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': Attr.partition },
    });
  }

  /** True when the item existed and matched; false when the condition failed. */
  private async deleteIf(
    Key: ItemKey,
    condition: {
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues?: Record<string, unknown>;
    },
  ): Promise<boolean> {
    return conditionHeld(
      this.doc.send(new DeleteCommand({ TableName: this.tableName, Key, ...condition })),
    );
  }
}

export function profileUpdatePlan(patch: ProfilePatch, now: Date): UpdatePlan {
  const plan: UpdatePlan = {
    set: [{ path: ['UpdatedAt'], value: now.toISOString() }],
    increment: [{ path: ['Version'], by: 1 }],
    remove: [],
  };
  if (patch.firstName !== undefined) plan.set.push({ path: ['FirstName'], value: patch.firstName });
  if (patch.lastName !== undefined) plan.set.push({ path: ['LastName'], value: patch.lastName });
  if (patch.phoneNumber === null || patch.phoneNumber === '') plan.remove.push(['PhoneNumber']);
  else if (patch.phoneNumber !== undefined) {
    plan.set.push({ path: ['PhoneNumber'], value: patch.phoneNumber });
  }
  const preferences = patch.notificationPreferences ?? {};
  for (const channel of ['email', 'sms'] as const) {
    const enabled = preferences[channel];
    if (enabled !== undefined) {
      plan.set.push({ path: ['NotificationPreferences', channel], value: enabled });
    }
  }
  return plan;
}
