import { setTimeout as sleep } from 'node:timers/promises';
/**
 * Retries an assertion until it passes or the time is up (visibility and projections lag a
 * little behind the workflow), then rethrows the last failure.
 */
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}
