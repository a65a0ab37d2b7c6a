import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { temporalConnectionOptions } from '@app/temporal-connection';
import { freePort } from '../../infra/dev/free-port';
import type { RunningTemporal } from '../../infra/dev/temporal-dev-server';
import { startTemporalServer } from '../../infra/dev/temporal-real-server';
import { resolveTemporalServerBinaries } from '../../infra/dev/temporal-server-binary';
import { sampleApplication, startProjectOptions } from '../support/fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { makeTestCertificates, TestCertificates } from '../support/test-certificates';
import { superuserDatabaseUrl } from '../support/test-env';
import { projectWorkflow, stateQuery } from '@app/workflows/public-api';

/**
 * Temporal's own server (on the suite's PostgreSQL, in databases of its own) with TLS on its
 * frontend, certificates made here with openssl: the worker and the client connect through
 * the app's TLS settings, and a client trusting another CA is refused.
 */
describe('the real Temporal server over TLS', () => {
  let server: RunningTemporal;
  let certs: TestCertificates;
  let ctx: IntegrationContext | undefined;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
    chmodSync(dir, 0o755);
    certs = makeTestCertificates(dir);
    const pg = new URL(superuserDatabaseUrl());
    const suffix = String(process.pid);
    server = await startTemporalServer({
      binaries: resolveTemporalServerBinaries(),
      postgres: {
        host: pg.hostname,
        port: Number(pg.port),
        user: decodeURIComponent(pg.username),
        password: decodeURIComponent(pg.password),
      },
      databases: { main: `temporal_tls_${suffix}`, visibility: `temporal_tls_vis_${suffix}` },
      dir,
      port: await freePort(),
      tls: {
        certFile: certs.serverCertFile,
        keyFile: certs.serverKeyFile,
        caFile: certs.caFile,
        serverName: certs.serverName,
      },
    });
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
    await server?.stop();
  });

  it('runs a project through a worker and a client that connect with TEMPORAL_TLS_* settings', async () => {
    ctx = await openIntegrationContext('tls', {
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TLS_CA_FILE: certs.caFile,
      TEMPORAL_TLS_SERVER_NAME: certs.serverName,
    });
    const { options } = startProjectOptions(
      ctx.config.TEMPORAL_TASK_QUEUE,
      sampleApplication(String(Date.now())),
    );
    const handle = await ctx.client.workflow.start(projectWorkflow, options);
    // A query is answered by the worker: both ends went through TLS.
    const view = await handle.query(stateQuery);
    expect(view).toEqual(expect.objectContaining({ workflowId: options.workflowId }));
    await handle.terminate('test done');
  });

  it('refuses a client that trusts another CA, with an error naming the certificate problem', async () => {
    const config = {
      ...temporalConnectionOptions({
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_TLS: true,
        TEMPORAL_TLS_CA_FILE: certs.otherCaFile,
        TEMPORAL_TLS_CERT_FILE: '',
        TEMPORAL_TLS_KEY_FILE: '',
        TEMPORAL_TLS_SERVER_NAME: certs.serverName,
      } as never),
    };
    // The worker's (native) connection names the certificate problem.
    await expect(NativeConnection.connect(config)).rejects.toThrow(/UnknownIssuer|certificate/i);
  });
});
