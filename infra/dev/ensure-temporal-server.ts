import {
  resolveTemporalServerBinaries,
  resolveTemporalUiServerBinary,
} from './temporal-server-binary';

/** Builds (once) or finds the real Temporal server, temporal-sql-tool and the Web UI's server. */
const { server, sql } = resolveTemporalServerBinaries();
const ui = resolveTemporalUiServerBinary();
console.log(`Temporal server: ${server}\ntemporal-sql-tool: ${sql}\nTemporal UI server: ${ui}`);
