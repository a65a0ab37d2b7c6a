import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  calibration,
  closeLeftovers,
  decisions,
  Figure,
  lists,
  memory,
  Options,
  pipeline,
  replay,
  start,
} from './benchmarks';
import { adapterFloor } from './adapter-floor';
import { httpFloorCpu } from './http-floor-cpu';
import { replayEveryArchived } from './replay-all';
import { decisionFloor, timeline } from './reviewer-reads';
import { timelineFromArchive } from './timeline-archive';
import { decisionsUnderLoad } from './decisions-under-load';
import { consoleFigures } from './console';
import { startBenchEnvironment } from './environment';
import { installInterruptHandler } from './interrupt';
import { BenchTemporalKind, benchTemporalKind } from './temporal-choice';
import { portfolio } from './portfolio';
import { listGrowth } from './list-growth';

const USAGE = `npm run bench -- [--rounds 3] [--calibration-seconds 2] [--projects 60] [--decisions 100]
  [--pipelines 12] [--list-projects 10000] [--list-samples 40] [--cached-projects 1000]
  [--warm-up-projects 300] [--replays 10]
  [--concurrency 4] [--only P0,P1,...,C1] [--reference] [--temporal dev|server]`;

function options(): {
  options: Options;
  only: Set<string>;
  reference: boolean;
  temporal: BenchTemporalKind;
} {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      'calibration-seconds': { type: 'string', default: '2' },
      projects: { type: 'string', default: '60' },
      decisions: { type: 'string', default: '100' },
      pipelines: { type: 'string', default: '12' },
      'list-projects': { type: 'string', default: '10000' },
      'list-samples': { type: 'string', default: '40' },
      'cached-projects': { type: 'string', default: '1000' },
      'warm-up-projects': { type: 'string', default: '300' },
      replays: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '4' },
      only: { type: 'string', default: 'P0,P1,P2,P2x4,P3,P3x4,P4,P4x10,P5,P6,P7,P8,P9,P12,C1' },
      reference: { type: 'boolean', default: false },
      temporal: { type: 'string', default: 'dev' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const n = (name: keyof typeof values): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  return {
    temporal: benchTemporalKind(String(values.temporal)),
    options: {
      rounds: n('rounds'),
      calibrationSeconds: n('calibration-seconds'),
      projects: n('projects'),
      decisions: n('decisions'),
      pipelines: n('pipelines'),
      listProjects: n('list-projects'),
      listSamples: n('list-samples'),
      cachedProjects: n('cached-projects'),
      warmUpProjects: n('warm-up-projects'),
      replays: n('replays'),
      concurrency: n('concurrency'),
    },
    only: new Set(String(values.only).split(',')),
    reference: values.reference === true,
  };
}

function machine(): Record<string, string | number> {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

function table(figures: Figure[]): string {
  const rows = [
    ['figure', 'what', 'unit', 'ours (API)', 'baseline (raw)', 'ratio', 'goal', 'met'],
    ...figures.map((f) => [
      f.id,
      f.what,
      f.unit,
      String(f.ours),
      String(f.baseline),
      String(f.ratio),
      f.goal ?? '',
      f.met === undefined ? '' : f.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0].map((_c, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]): string =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(rows[0]),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  const { options: sizes, only, reference, temporal } = options();
  const startedAt = new Date();
  const log = (line: string): void =>
    console.log(
      `[${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`,
    );
  installInterruptHandler(log);
  const env = await startBenchEnvironment(log, temporal);
  const figures: Figure[] = [];
  try {
    await closeLeftovers(env, log);
    const step = async (id: string, run: () => Promise<Figure[]>): Promise<void> => {
      if (!only.has(id)) return;
      log(`${id}...`);
      figures.push(...(await run()));
    };
    await step('P0', () => calibration(env, sizes, log));
    await step('P0', () => httpFloorCpu(env, sizes, log));
    await step('P0', () => adapterFloor(sizes, log));
    await step('P1', () => start(env, sizes, log));
    await step('P2', () => decisions(env, sizes, log));
    // Cost of growth: the same figures at 4× the work in flight.
    const grown = (figures: Figure[]): Figure[] => figures.map((f) => ({ ...f, id: `${f.id} x4` }));
    await step('P2x4', async () => grown(await decisions(env, sizes, log, 4)));
    let finished: string | undefined;
    await step('P3', async () => {
      const result = await pipeline(env, sizes, log);
      finished = result.finishedProjectId;
      return result.figures;
    });
    await step('P3x4', async () =>
      grown(
        (
          await pipeline(
            env,
            { ...sizes, concurrency: sizes.concurrency * 4, pipelines: sizes.pipelines * 4 },
            log,
          )
        ).figures.filter((f) => f.id !== 'P3 events'),
      ),
    );
    await step('P4', () => lists(env, sizes, log));
    await step('P4x10', () => listGrowth(env, sizes, log));
    await step('P7', () => portfolio(env, sizes, log));
    await step('P5', () => memory(env, sizes, log));
    await step('P6', async () => {
      if (!finished)
        finished = (await pipeline(env, { ...sizes, pipelines: 1, rounds: 1, concurrency: 1 }, log))
          .finishedProjectId;
      return replay(env, sizes, finished, log);
    });
    await step('P6', () => replayEveryArchived(env, sizes, log));
    await step('P8', async () => {
      if (!finished)
        finished = (await pipeline(env, { ...sizes, pipelines: 1, rounds: 1, concurrency: 1 }, log))
          .finishedProjectId;
      return timeline(env, sizes, finished, log);
    });
    await step('P8', () => timelineFromArchive(env, Math.max(5, sizes.replays * 2), log));
    await step('P9', () => decisionsUnderLoad(env, sizes, log));
    await step('P12', () => decisionFloor(env, sizes, log));
    await step('C1', () => consoleFigures(env, sizes, log));
  } finally {
    await env.stop();
  }
  const result = {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: machine(),
    temporal,
    options: sizes,
    figures,
  };
  console.log(`\n${table(figures)}\n`);
  console.log(`machine: ${JSON.stringify(result.machine)}; ${result.durationSeconds} s`);
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    reference
      ? `reference${temporal === 'server' ? '-server' : ''}.json`
      : `${temporal === 'server' ? 'server-' : ''}${startedAt.toISOString().replace(/[:.]/g, '-')}.tmp.json`,
  );
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written ${file}`);
  const missed = figures.filter((f) => f.met === false).map((f) => f.id);
  if (missed.length > 0) console.log(`missed goals: ${missed.join(', ')} (see bench/README.md)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
