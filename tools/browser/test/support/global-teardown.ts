// The same stop-and-prove-nothing-is-left teardown as the end-to-end suite.
export { default } from '../../../e2e/test/support/global-teardown';
