import { createHash } from 'node:crypto';
import { canonicalJson } from '@taskmgr/dynamo';
import type { TaskCreate } from '../tasks/task-input';

/**
 * Identifies a create request by what it asks for, after normalisation: member order, an
 * omitted default status or a differently written offset do not make it another request.
 */
export function createRequestHash(input: TaskCreate): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        title: input.title,
        description: input.description ?? null,
        status: input.status,
        dueDate: input.dueDate ?? null,
      }),
    )
    .digest('base64url');
}
