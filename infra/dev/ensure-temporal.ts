import { resolveTemporalBinary } from './temporal-binary';

/** Builds (once) or finds the Temporal CLI before the tests, which must not wait for a build. */
console.log(`Temporal CLI: ${resolveTemporalBinary()}`);
