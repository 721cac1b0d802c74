/** @module Resources and their lifetimes: teardown stacks for the composition roots. */
export { CleanupStack } from './cleanup-stack.ts';
