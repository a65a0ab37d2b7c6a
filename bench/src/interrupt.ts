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

/** Stops what is registered, the latest first (workers before their servers), then exits. */
export function installInterruptHandler(log: (line: string) => void): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping ${stoppers.length} things the benchmark started`);
    void (async () => {
      for (const { what, stop } of [...stoppers].reverse()) {
        try {
          await stop();
        } catch (error) {
          log(`could not stop ${what}: ${(error as Error).message}`);
        }
      }
      process.exit(130);
    })();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
}
