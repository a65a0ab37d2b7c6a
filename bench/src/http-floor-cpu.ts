import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Figure, Log, Options } from './benchmarks';
import type { BenchEnvironment } from './environment';
import { median, round } from './stats';

/**
 * P0 as CPU per request: the whole app's `GET /health` and a bare node:http server, both in this
 * process, loaded from a separate process (16 in flight) so that the CPU time of this process's
 * main thread is the servers' own. `ratio = bare CPU per request ÷ the app's`: the share
 * of bare node:http's throughput the app reaches on a core of its own. On a machine shared by
 * seven engineers on two cores (load 15–20), req/s measures who got the CPU more than what a
 * request costs; CPU seconds per request move much less with the load.
 */
export async function httpFloorCpu(
  env: BenchEnvironment,
  options: Pick<Options, 'rounds' | 'calibrationSeconds'>,
  log: Log,
): Promise<Figure[]> {
  const bare = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/health`;
  const appUrl = `${env.apiUrl}/health`;
  const app: number[] = [];
  const node: number[] = [];
  try {
    await cpuPerRequest(appUrl, 1);
    await cpuPerRequest(bareUrl, 1);
    for (let i = 0; i < options.rounds; i++) {
      app.push(await cpuPerRequest(appUrl, options.calibrationSeconds));
      node.push(await cpuPerRequest(bareUrl, options.calibrationSeconds));
    }
  } finally {
    await new Promise<void>((resolve) => bare.close(() => resolve()));
  }
  const ratios = app.map((value, i) => node[i] / value);
  log(
    `P0 cpu µs/request app ${app.map((v) => round(v, 0)).join(', ')} bare ${node.map((v) => round(v, 0)).join(', ')}; ratios ${ratios.map((r) => round(r, 2)).join(', ')}`,
  );
  const ratio = median(ratios);
  return [
    {
      id: 'P0 cpu',
      what: 'CPU per GET /health: bare node:http ÷ the whole app (load from another process)',
      unit: 'µs/req',
      ours: round(median(app), 1),
      baseline: round(median(node), 1),
      ratio: round(ratio, 3),
      goal: '>= 0.70',
      met: ratio >= 0.7,
    },
  ];
}

/**
 * CPU time of this process's main thread (where both servers' JavaScript runs), in µs, from
 * /proc (utime + stime in clock ticks of 10 ms): unlike process.cpuUsage it leaves out the
 * Temporal client's and the garbage collector's helper threads, whose idle work would count
 * against the slower side.
 */
function mainThreadCpuMicros(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat(5); the slice starts at field 3.
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** Main-thread CPU µs per answered request while another process loads `url`. */
async function cpuPerRequest(url: string, seconds: number): Promise<number> {
  const before = mainThreadCpuMicros();
  const answered = await loadFromChild(url, seconds);
  return (mainThreadCpuMicros() - before) / Math.max(1, answered);
}

function loadFromChild(url: string, seconds: number): Promise<number> {
  const script = `
    const end = Date.now() + ${seconds * 1000};
    let answered = 0;
    Promise.all(Array.from({ length: 16 }, async () => {
      while (Date.now() < end) {
        const response = await fetch(${JSON.stringify(url)});
        await response.arrayBuffer();
        if (response.status === 200) answered += 1;
      }
    })).then(() => process.stdout.write(String(answered)));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`load process exited with ${code}`)),
    );
  });
}
