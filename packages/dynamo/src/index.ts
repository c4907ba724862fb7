export * from './client';
export * from './config';
export * from './ids';
export * from './items';
export * from './keys';
export * from './schema';
export * from './table-definition';
