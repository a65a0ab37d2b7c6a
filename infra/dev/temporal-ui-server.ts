import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopProcess } from './temporal-dev-server';

export interface TemporalUiOptions {
  /** The `ui-server` binary (resolveTemporalUiServerBinary). */
  binary: string;
  /** Its config and log go here. */
  dir: string;
  port: number;
  /** Temporal's frontend, host:port. */
  temporalAddress: string;
  namespace: string;
  /**
   * The API's codec endpoint (…/codec). The UI calls it from the browser with the console's
   * session cookie (`includeCredentials`), never with an access token of its own.
   */
  codecEndpoint: string;
  startTimeoutMs?: number;
}

export interface RunningTemporalUi {
  url: string;
  stop: () => Promise<void>;
}

/**
 * The ui-server's config, written as JSON (which is YAML too) into `base.yaml`, the file it
 * always loads: write actions stay on (staff terminate or reset through the UI as through the
 * CLI), the codec is the API's so people allowed to read see plain text, and nothing else.
 */
function uiConfig(options: TemporalUiOptions): object {
  return {
    temporalGrpcAddress: options.temporalAddress,
    port: options.port,
    enableUi: true,
    defaultNamespace: options.namespace,
    showTemporalSystemNamespace: false,
    notifyOnNewVersion: false,
    // Local HTTP: the UI's own cookies cannot be Secure here.
    cors: { cookieInsecure: true, allowOrigins: [] },
    auth: { enabled: false },
    codec: { endpoint: options.codecEndpoint, includeCredentials: true, passAccessToken: false },
  };
}

/**
 * Starts Temporal's Web UI server (for Temporal's own server; the CLI's dev server carries a UI
 * of its own) and resolves once it serves its settings, or rejects naming its log file.
 */
export async function startTemporalUi(options: TemporalUiOptions): Promise<RunningTemporalUi> {
  const configDir = join(options.dir, 'config');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'base.yaml'), JSON.stringify(uiConfig(options), null, 2));
  const logFile = join(options.dir, 'temporal-ui.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(
    options.binary,
    ['--root', options.dir, '--config', 'config', '--env', 'local', 'start'],
    { stdio: ['ignore', logFd, logFd], detached: true },
  );
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (exited) throw new Error(`Temporal UI server ${exited}; see ${logFile}`);
    try {
      const response = await fetch(`${url}/api/v1/settings`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.ok) return { url, stop: () => stopProcess(child, 10_000) };
    } catch {
      // Not listening yet.
    }
    await sleep(300);
  }
  await stopProcess(child, 2_000);
  throw new Error(`Temporal UI server did not answer on ${url} in time; see ${logFile}`);
}
