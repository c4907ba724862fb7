export { DEMO_USER, type DemoLogin, ensureDemoUser, seedDemoTasks } from './demo-user';
export { repoRoot, type StackPorts } from './process-specs';
export { type RunningStack, type StackOptions, type StackUrls, startStack } from './stack';
