// Imported relatively: Jest's global setup loads this file outside Jest's module mapper.
import { setTimeout as sleep } from 'node:timers/promises';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { PROJECT_SEARCH_ATTRIBUTES } from '../../libs/workflows/src/search-attributes';

export interface TemporalDevServerOptions {
  binary: string;
  port: number;
  uiPort?: number;
  /** Persist to this SQLite file (state survives a restart); in memory when absent. */
  dbFile?: string;
  logFile: string;
  namespace?: string;
  dynamicConfig?: Record<string, unknown>;
  startTimeoutMs?: number;
  /** Run in its own process group, so a terminal's Ctrl-C reaches only the parent, which stops it. */
  ownProcessGroup?: boolean;
}

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const INDEXED_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

const CLI_TYPE: Record<string, string> = {
  KEYWORD: 'Keyword',
  KEYWORD_LIST: 'KeywordList',
  BOOL: 'Bool',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  DATETIME: 'Datetime',
};

/** Stops a child process: SIGTERM, then SIGKILL if it has not exited within the grace time. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts `temporal server start-dev` on 127.0.0.1 and resolves once its frontend answers and
 * the project's search attributes exist (added when an existing database file lacks them,
 * since `--search-attribute` only applies to a new one). Rejects with the log file's name if
 * the server exits or does not answer in time.
 */
export async function startTemporalDevServer(
  options: TemporalDevServerOptions,
): Promise<RunningTemporal> {
  const namespace = options.namespace ?? 'default';
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  args.push('--namespace', namespace, '--log-level', 'warn');
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  for (const key of PROJECT_SEARCH_ATTRIBUTES) {
    args.push('--search-attribute', `${key.name}=${CLI_TYPE[key.type]}`);
  }
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  mkdirSync(dirname(options.logFile), { recursive: true });
  const logFd = openSync(options.logFile, 'a');
  const child = spawn(options.binary, args, {
    stdio: ['ignore', logFd, logFd],
    detached: options.ownProcessGroup ?? false,
  });
  let exitedEarly: string | undefined;
  child.once('exit', (code, signal) => {
    exitedEarly = `exited with ${code ?? signal}`;
  });

  const address = `127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitedEarly) {
      throw new Error(`Temporal dev server ${exitedEarly}; see ${options.logFile}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.withDeadline(Date.now() + 2_000, () =>
          connection.workflowService.describeNamespace({ namespace }),
        );
        await ensureSearchAttributes(connection, namespace);
      } finally {
        await connection.close();
      }
      return {
        address,
        uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
        process: child,
        stop: () => stopProcess(child),
      };
    } catch (error) {
      lastError = (error as Error).message;
      await sleep(300);
    }
  }
  await stopProcess(child);
  throw new Error(
    `Temporal dev server did not answer on ${address} in time (${lastError}); see ${options.logFile}`,
  );
}

export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = PROJECT_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_TYPE[key.type]])),
  });
}
