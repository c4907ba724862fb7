export * from './task-completed';
