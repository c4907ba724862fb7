export { createTestTable, type TestTable } from './test-table';
