export { ManualClock } from './manual-clock';
export { queryAll } from './read-all';
export { createTestTable, type TestTable } from './test-table';
export { filledBeforeAll, useTestTable } from './use-test-table';
