import { setTimeout as sleep } from 'node:timers/promises';
/**
 * Polls `url` until it answers 2xx, for at most `timeoutMs`; the error names the last answer
 * (status and body) or the last connection error.
 */
export async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_500) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(500);
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000} s: ${last}`);
}
