/**
 * The runtime's failures in English: the runtime's own wording (runtime/failure-words.ts), the one the
 * CLI prints and errors carry, so that English is written once.
 */
export { failureWords as failures } from '../../../runtime/failure-words.ts';
