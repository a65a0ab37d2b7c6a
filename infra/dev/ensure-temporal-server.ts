import { resolveTemporalServerBinaries } from './temporal-server-binary';

/** Builds (once) or finds the real Temporal server and temporal-sql-tool before the tests. */
const { server, sql } = resolveTemporalServerBinaries();
console.log(`Temporal server: ${server}\ntemporal-sql-tool: ${sql}`);
