import { Session } from 'node:inspector';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `work` under V8's sampling profiler (this thread only); the profile and the result. */
export async function profiled<T>(work: () => Promise<T>): Promise<{ value: T; profile: Profile }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    const value = await work();
    const { profile } = (await post('Profiler.stop')) as { profile: Profile };
    return { value, profile };
  } finally {
    session.disconnect();
  }
}

/** The heaviest packages (or files outside node_modules) by self time, as "name share%". */
export function topPackages(profile: Profile, count = 8): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const url = node.callFrame.url;
    const name =
      /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url ? url.replace(/^.*\/(dist|src)\//, '') : node.callFrame.functionName || '(native)');
    const delta = profile.timeDeltas[i] ?? 0;
    time.set(name, (time.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...time]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, t]) => `${name} ${((100 * t) / Math.max(1, total)).toFixed(1)}%`);
}
