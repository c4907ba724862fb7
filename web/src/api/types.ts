/** Names for the generated API types, so pages never spell out a path to a response. */
import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Tokens = Json<paths['/auth/login']['post']['responses'][200]>;
export type RegisterBody = NonNullable<
  paths['/auth/register']['post']['requestBody']
>['content']['application/json'];
export type TaskList = Json<paths['/tasks']['get']['responses'][200]>;
export type Task = TaskList['items'][number];
export type TaskStatus = Task['status'];
export type TaskQuery = NonNullable<paths['/tasks']['get']['parameters']['query']>;
export type CreateTaskBody = NonNullable<
  paths['/tasks']['post']['requestBody']
>['content']['application/json'];
export type UpdateTaskBody = NonNullable<
  paths['/tasks/{taskId}']['patch']['requestBody']
>['content']['application/json'];
export type Profile = Json<paths['/users/me']['get']['responses'][200]>;
export type ProfilePatch = NonNullable<
  paths['/users/me']['patch']['requestBody']
>['content']['application/json'];
export type NotificationList = Json<paths['/notifications']['get']['responses'][200]>;
export type AppNotification = NotificationList['items'][number];
export type ValidationProblem =
  paths['/tasks']['post']['responses'][400]['content']['application/problem+json'];
export type FieldError = ValidationProblem['errors'][number];

export const TASK_STATUSES: readonly TaskStatus[] = ['pending', 'in_progress', 'completed'];
