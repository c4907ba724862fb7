import type { DynamoClients } from '../client';

/** What every repository is built from: the clients (or a subset) and an optional clock. */
export interface RepositoryOptions extends Pick<DynamoClients, 'doc' | 'tableName'> {
  /** Injectable for tests that need a fixed or shifted time. */
  now?: () => Date;
}

export const systemClock = (): Date => new Date();
