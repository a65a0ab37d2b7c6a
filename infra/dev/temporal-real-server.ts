// Imported relatively: Jest's global setup loads this file outside Jest's module mapper.
import { setTimeout as sleep } from 'node:timers/promises';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection, TLSConfig } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { PROJECT_SEARCH_ATTRIBUTES } from '../../libs/workflows/src/search-attributes';
import { ensureSearchAttributes, RunningTemporal, stopProcess } from './temporal-dev-server';
import type { TemporalServerBinaries } from './temporal-server-binary';

const run = promisify(execFile);

export interface TemporalPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The frontend's TLS: its certificate and key; with a client CA it requires client certificates. */
export interface FrontendTls {
  certFile: string;
  keyFile: string;
  /** The CA internal clients (the server's own worker service) trust the frontend by. */
  caFile: string;
  serverName: string;
  clientCaFile?: string;
}

export interface TemporalServerOptions {
  binaries: TemporalServerBinaries;
  postgres: TemporalPostgres;
  /** Config, logs and the generated YAML go here. */
  dir: string;
  /** The frontend's gRPC port; the other services take free ports (or `servicePorts`). */
  port: number;
  servicePorts?: number[];
  namespace?: string;
  /** Database names, so several servers can share one PostgreSQL. */
  databases?: { main: string; visibility: string };
  tls?: FrontendTls;
  /** TLS of the readiness probe (defaults to trusting `tls.caFile`). */
  probeTls?: TLSConfig;
  dynamicConfig?: Record<string, unknown>;
  startTimeoutMs?: number;
  ownProcessGroup?: boolean;
}

/** Creates a database and applies temporal-sql-tool's embedded schema; idempotent. */
async function prepareDatabase(
  options: TemporalServerOptions,
  database: string,
  schema: string,
): Promise<void> {
  const { postgres, binaries } = options;
  const env = {
    ...process.env,
    SQL_PLUGIN: 'postgres12',
    SQL_HOST: postgres.host,
    SQL_PORT: String(postgres.port),
    SQL_USER: postgres.user,
    SQL_PASSWORD: postgres.password,
    SQL_DATABASE: database,
  };
  // --quiet: an existing database is not an error; the schema steps are idempotent.
  await run(binaries.sql, ['--quiet', '--db', database, 'create-database'], { env });
  await run(binaries.sql, ['--db', database, 'setup-schema', '-v', '0.0'], { env });
  await run(binaries.sql, ['--db', database, 'update-schema', '--schema-name', schema], { env });
}

function datastore(options: TemporalServerOptions, database: string, maxConns: number): object {
  const { postgres } = options;
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `${postgres.host}:${postgres.port}`,
      connectProtocol: 'tcp',
      user: postgres.user,
      password: postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

/**
 * The server's config, after the module's config/development-postgres12.yaml, written as JSON
 * (which is YAML too): every port given, no metrics or pprof listener, SQL visibility.
 */
function serverConfig(options: TemporalServerOptions, ports: number[]): object {
  const [history, matching, worker, frontMember, histMember, matchMember, workMember, http] = ports;
  const db = options.databases ?? { main: 'temporal', visibility: 'temporal_visibility' };
  const rpc = (grpcPort: number, membershipPort: number, extra: object = {}): object => ({
    rpc: { grpcPort, membershipPort, bindOnIP: '127.0.0.1', ...extra },
  });
  const tls = options.tls
    ? {
        frontend: {
          server: {
            certFile: options.tls.certFile,
            keyFile: options.tls.keyFile,
            requireClientAuth: Boolean(options.tls.clientCaFile),
            clientCaFiles: options.tls.clientCaFile ? [options.tls.clientCaFile] : [],
          },
          client: { serverName: options.tls.serverName, rootCaFiles: [options.tls.caFile] },
        },
        // With mTLS the server's own system workers (scheduler, batcher...) must present a
        // client certificate to the frontend too: they use the frontend's, which the test CA and
        // a real deployment's issue with clientAuth as well as serverAuth.
        ...(options.tls.clientCaFile
          ? {
              systemWorker: {
                certFile: options.tls.certFile,
                keyFile: options.tls.keyFile,
                client: { serverName: options.tls.serverName, rootCaFiles: [options.tls.caFile] },
              },
            }
          : {}),
      }
    : undefined;
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: 4,
      datastores: {
        'postgres-default': datastore(options, db.main, 20),
        'postgres-visibility': datastore(options, db.visibility, 4),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      ...(tls ? { tls } : {}),
    },
    services: {
      frontend: rpc(options.port, frontMember, { httpPort: http }),
      history: rpc(history, histMember),
      matching: rpc(matching, matchMember),
      worker: rpc(worker, workMember),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${options.port}`,
          httpAddress: `127.0.0.1:${http}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: {
      filepath: join(options.dir, 'config', 'dynamic.yaml'),
      pollInterval: '10s',
    },
  };
}

function dynamicConfig(extra: Record<string, unknown> = {}): object {
  const values: Record<string, unknown> = {
    'frontend.enableExecuteMultiOperation': true,
    'frontend.workerVersioningDataAPIs': true,
    'frontend.workerVersioningWorkflowAPIs': true,
    'system.enableDeployments': true,
    'system.enableDeploymentVersions': true,
    'limit.maxIDLength': 255,
    ...extra,
  };
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, [{ value, constraints: {} }]]),
  );
}

/**
 * Starts Temporal's own server on PostgreSQL: the two databases created and migrated with
 * temporal-sql-tool, a config from the module's PostgreSQL example with all ports moved, the
 * namespace registered and the project's search attributes added (SQL visibility). Resolves
 * once a client sees the namespace with every search attribute.
 */
export async function startTemporalServer(
  options: TemporalServerOptions,
): Promise<RunningTemporal> {
  const namespace = options.namespace ?? 'default';
  const db = options.databases ?? { main: 'temporal', visibility: 'temporal_visibility' };
  await prepareDatabase(options, db.main, 'postgresql/v12/temporal');
  await prepareDatabase(options, db.visibility, 'postgresql/v12/visibility');
  const ports = options.servicePorts ?? [];
  while (ports.length < 8) ports.push(await freeMembershipPort(ports));
  const configDir = join(options.dir, 'config');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    join(configDir, 'development.yaml'),
    JSON.stringify(serverConfig(options, ports), null, 2),
  );
  writeFileSync(
    join(configDir, 'dynamic.yaml'),
    JSON.stringify(dynamicConfig(options.dynamicConfig), null, 2),
  );
  const logFile = join(options.dir, 'temporal-server.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(
    options.binaries.server,
    [
      '--root',
      options.dir,
      '--config',
      'config',
      '--env',
      'development',
      '--allow-no-auth',
      'start',
    ],
    { stdio: ['ignore', logFd, logFd], detached: options.ownProcessGroup ?? false },
  );
  let exitedEarly: string | undefined;
  child.once('exit', (code, signal) => {
    exitedEarly = `exited with ${code ?? signal}`;
  });
  const address = `127.0.0.1:${options.port}`;
  const tls =
    options.probeTls ??
    (options.tls
      ? {
          serverRootCACertificate: readFileSync(options.tls.caFile),
          serverNameOverride: options.tls.serverName,
        }
      : undefined);
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`Temporal server ${exitedEarly}; see ${logFile}`);
    try {
      const connection = await Connection.connect({ address, tls, connectTimeout: 2_000 });
      try {
        await connection.withDeadline(Date.now() + 5_000, () =>
          ensureNamespace(connection, namespace),
        );
        await ensureSearchAttributes(connection, namespace);
        await connection.withDeadline(Date.now() + 5_000, () =>
          searchAttributesVisible(connection, namespace),
        );
      } finally {
        await connection.close();
      }
      return { address, process: child, stop: () => stopProcess(child, 20_000) };
    } catch (error) {
      lastError = (error as Error).message;
      await sleep(1_000);
    }
  }
  await stopProcess(child);
  throw new Error(
    `Temporal server did not answer on ${address} in time (${lastError}); see ${logFile}`,
  );
}

async function ensureNamespace(connection: Connection, namespace: string): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch {
    await connection.workflowService
      .registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs('3 days'),
      })
      .catch((error: Error) => {
        if (!/already/i.test(error.message)) throw error;
      });
    throw new Error(`namespace ${namespace} registered; waiting for the namespace cache`);
  }
}

/** A new namespace or attribute reaches queries only after the namespace cache refreshes. */
async function searchAttributesVisible(connection: Connection, namespace: string): Promise<void> {
  const names = PROJECT_SEARCH_ATTRIBUTES.map((key) => key.name);
  const query = names.map((name) => `${name} IS NULL`).join(' OR ');
  await connection.workflowService.countWorkflowExecutions({ namespace, query });
}

/**
 * A free port below 32768: the server stores membership ports in a PostgreSQL smallint, so the
 * OS's ephemeral ports (above 32767) make it exit with "out of range for type smallint".
 */
async function freeMembershipPort(taken: number[]): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** Temporal's PostgreSQL login from a postgres:// URL (a superuser or a role that may create databases). */
export function postgresOfUrl(url: string): TemporalPostgres {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}
