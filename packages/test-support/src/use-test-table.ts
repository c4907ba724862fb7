/// <reference types="jest" />
import { createTestTable, type TestTable } from './test-table';

/**
 * An object that beforeAll fills in with what `make` resolves to. A test file can hold it in a
 * const from the start (and destructure what returns it); read it only inside hooks and tests.
 */
export function filledBeforeAll<T extends object>(make: () => Promise<T>): T {
  const value = {} as T;
  beforeAll(async () => {
    Object.assign(value, await make());
  });
  return value;
}

/** The test file's own table, created in beforeAll and dropped in afterAll. */
export function useTestTable(label: string): TestTable {
  const table = filledBeforeAll(() => createTestTable(label));
  afterAll(() => table.destroy());
  return table;
}
