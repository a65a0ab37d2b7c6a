/** Stops what global setup started, so Jest exits by itself. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.incubationTestServers?.stop();
}
