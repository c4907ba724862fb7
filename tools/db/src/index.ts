export * from './guard';
export * from './random';
export * from './scan-items';
export * from './seed-data';
export * from './seeder';
export * from './table-admin';
