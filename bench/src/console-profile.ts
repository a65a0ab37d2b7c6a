import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SourceMapConsumer, type RawSourceMap } from 'source-map';
import type { Log } from './benchmarks';

/** The parts of a V8 CPU profile (CDP `Profiler.Profile`) read here. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface ProfileSession {
  /** Stops the profiler and logs where the board's main thread spent its time. */
  finish(): Promise<void>;
}

/** `node_modules/<package>` (scoped or not), the console's own `src/...` file, or the URL. */
function ownerOf(source: string): string {
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = source.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const src = source.indexOf('apps/web/src/');
  if (src >= 0) return source.slice(src);
  const libs = source.indexOf('libs/');
  return libs >= 0 ? source.slice(libs) : source;
}

/**
 * With the console built with source maps (`WEB_SOURCEMAP=1 npm run build:web`), the samples
 * are charged to the package or source file they ran in; without, to the chunk's URL.
 */
async function mappers(
  assetsDir: string,
  urls: Set<string>,
): Promise<Map<string, SourceMapConsumer>> {
  const found = new Map<string, SourceMapConsumer>();
  for (const url of urls) {
    const file = join(assetsDir, url.slice(url.lastIndexOf('/') + 1) + '.map');
    if (!url.includes('/app/assets/') || !existsSync(file)) continue;
    const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSourceMap;
    found.set(url, await new SourceMapConsumer(raw));
  }
  return found;
}

/** Bytes of a script inside ranges that ran (V8's ranges nest; the innermost one counts). */
function ranBytes(
  functions: { ranges: { startOffset: number; endOffset: number; count: number }[] }[],
  length: number,
): number {
  const ran = new Uint8Array(length);
  const ranges = functions
    .flatMap((fn) => fn.ranges)
    .sort((a, b) => b.endOffset - b.startOffset - (a.endOffset - a.startOffset));
  for (const range of ranges) ran.fill(range.count > 0 ? 1 : 0, range.startOffset, range.endOffset);
  return ran.reduce((n, byte) => n + byte, 0);
}

function top(totals: Map<string, number>, count: number): [string, number][] {
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/**
 * C2's profile (env `C2_PROFILE=<dir>`): a CPU profile of one board load from navigation to the
 * ready element through Chromium's DevTools protocol, written to `<dir>/board.cpuprofile`, and a
 * summary in the log: the main thread's busy time by package (or chunk), and how much of each
 * script the load ran (precise coverage).
 */
export async function startBoardProfile(
  page: Page,
  dir: string,
  assetsDir: string,
  log: Log,
): Promise<ProfileSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await page.coverage.startJSCoverage({ resetOnNavigation: false });
  return {
    async finish() {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      const coverage = await page.coverage.stopJSCoverage();
      writeFileSync(join(dir, 'board.cpuprofile'), JSON.stringify(profile));
      const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
      const urls = new Set(profile.nodes.map((node) => node.callFrame.url));
      const maps = await mappers(assetsDir, urls);
      const byOwner = new Map<string, number>();
      const byFunction = new Map<string, number>();
      let firstScriptAt: number | undefined;
      let lastScriptAt = 0;
      let at = profile.startTime;
      for (let i = 0; i < profile.samples.length; i++) {
        at += profile.timeDeltas[i];
        const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        const frame = byId.get(profile.samples[i])!;
        let owner = frame.url ? frame.url.replace(/^https?:\/\/[^/]+/, '') : frame.functionName;
        const map = maps.get(frame.url);
        if (map) {
          const original = map.originalPositionFor({
            line: frame.lineNumber + 1,
            column: frame.columnNumber,
          });
          if (original.source) owner = ownerOf(original.source);
        }
        if (frame.url.includes('/app/assets/')) {
          firstScriptAt ??= at;
          lastScriptAt = at;
        }
        byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms);
        const fn = `${frame.functionName || '(anonymous)'} ${owner}:${frame.lineNumber + 1}`;
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      }
      for (const map of maps.values()) map.destroy();
      const total = (profile.endTime - profile.startTime) / 1000;
      const scriptWindow =
        firstScriptAt === undefined
          ? ''
          : `; console scripts ran ${Math.round((firstScriptAt - profile.startTime) / 1000)}–${Math.round((lastScriptAt - profile.startTime) / 1000)} ms`;
      log(`C2 profile: ${Math.round(total)} ms from navigation to the board${scriptWindow}`);
      log('  main-thread time by package / file (self, ms):');
      for (const [owner, ms] of top(byOwner, 25)) log(`    ${ms.toFixed(1).padStart(7)} ${owner}`);
      log('  hottest functions (self, ms):');
      for (const [fn, ms] of top(byFunction, 15)) log(`    ${ms.toFixed(1).padStart(7)} ${fn}`);
      log('  script bytes loaded / run by the load (coverage):');
      for (const entry of coverage.filter((c) => c.url.includes('/app/'))) {
        const length = entry.source?.length ?? 0;
        log(
          `    ${(length / 1024).toFixed(1).padStart(7)} KB, ${Math.round((100 * ranBytes(entry.functions, length)) / Math.max(length, 1))} % run: ${entry.url.slice(entry.url.lastIndexOf('/') + 1)}`,
        );
      }
    },
  };
}
