import { Client } from 'pg';
import type { BenchEnvironment } from './environment';
import type { Figure, Log, Options } from './benchmarks';
import { apiGet } from './projects';
import { percentile, round, timed } from './stats';

const GROWN_COLLEGES = 10;
const grownCollege = (i: number): string => `Bench P4G College ${i % GROWN_COLLEGES}`;

/**
 * Read-model rows as the recording activity leaves a project waiting in APPLICATION, written in
 * SQL (creating 100,000 real projects takes hours here): the API's list reads only these rows,
 * so its cost can be measured at any size. Kept in .data/bench-postgres; other figures never
 * list these colleges.
 */
async function ensureGrownRows(env: BenchEnvironment, wanted: number, log: Log): Promise<void> {
  const existing = await env.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM projects WHERE college LIKE 'Bench P4G College %'",
  );
  const missing = wanted - existing.rows[0].n;
  if (missing <= 0) return;
  log(`P4 growth: writing ${missing} read-model rows in SQL (kept in .data/bench-postgres)`);
  await env.db.query(
    `INSERT INTO projects (id, workflow_id, title, college, stage, status, version,
       created_at, updated_at)
     SELECT gen_random_uuid(), 'bench-p4g-' || g, 'P4G project ' || g,
            'Bench P4G College ' || (g % ${GROWN_COLLEGES}), 'APPLICATION', 'ACTIVE', 1,
            now() - (g % 400) * interval '1 day', now()
       FROM generate_series($1::int, $1::int + $2::int - 1) AS g`,
    [existing.rows[0].n, missing],
  );
  // Settled before measuring: vacuum and statistics now, not by autovacuum during the samples
  // (as the table's owner: the application's role may not vacuum it).
  const owner = new Client({ connectionString: env.env.DATABASE_OWNER_URL });
  await owner.connect();
  try {
    await owner.query('VACUUM ANALYZE projects');
  } finally {
    await owner.end();
  }
}

/**
 * P4 at scale: the same filtered list as P4 (stage, college, attention, 2 pages of 20) over
 * 10,000 and then 100,000 read-model rows of its colleges; goal: p99 at 100k ÷ at 10k ≤ 1.3.
 */
export async function listGrowth(
  env: BenchEnvironment,
  options: Pick<Options, 'listSamples' | 'listProjects'>,
  log: Log,
): Promise<Figure[]> {
  const list = async (college: string): Promise<number> => {
    const filter = `stage=APPLICATION&college=${encodeURIComponent(college)}&needsAttention=false&limit=20`;
    const first = await apiGet(env, env.staff, `/projects?${filter}`);
    if (first.status !== 200) throw new Error(`GET /projects answered ${first.status}`);
    const page = first.body as { nextCursor: string | null };
    if (page.nextCursor)
      await apiGet(env, env.staff, `/projects?${filter}&cursor=${page.nextCursor}`);
    return 1;
  };
  const measure = async (): Promise<number[]> => {
    await list(grownCollege(0));
    const samples: number[] = [];
    for (let i = 0; i < options.listSamples; i++)
      samples.push((await timed(() => list(grownCollege(i)))).ms);
    return samples;
  };
  const small = options.listProjects;
  const large = small * 10;
  await ensureGrownRows(env, small, log);
  // Only when the set is still at the small size: a later run finds it grown already.
  const existing = await env.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM projects WHERE college LIKE 'Bench P4G College %'",
  );
  if (existing.rows[0].n > small) {
    throw new Error(
      `P4 growth needs exactly ${small} rows first; ${existing.rows[0].n} exist: delete them (DELETE FROM projects WHERE college LIKE 'Bench P4G College %')`,
    );
  }
  const atSmall = await measure();
  await ensureGrownRows(env, large, log);
  const atLarge = await measure();
  // Back to the small size, so the next run measures both sizes again.
  await env.db.query(
    "DELETE FROM projects WHERE college LIKE 'Bench P4G College %' AND substring(workflow_id FROM 11)::int >= $1",
    [small],
  );
  const p = (values: number[], q: number): number => percentile(values, q);
  log(
    `P4 growth: list p50/p99 ${round(p(atSmall, 50))}/${round(p(atSmall, 99))} ms at ${small}, ${round(p(atLarge, 50))}/${round(p(atLarge, 99))} ms at ${large}`,
  );
  const ratio = p(atLarge, 99) / p(atSmall, 99);
  return [
    {
      id: 'P4 100k/10k',
      what: `API list p99 (2 pages of 20, stage+college+attention) over ${large} vs ${small} read-model rows`,
      unit: 'ms',
      ours: round(p(atLarge, 99)),
      baseline: round(p(atSmall, 99)),
      ratio: round(ratio, 3),
      goal: '<= 1.3',
      met: ratio <= 1.3,
    },
    {
      id: 'P4 100k/10k p50',
      what: 'the same, p50 (no goal)',
      unit: 'ms',
      ours: round(p(atLarge, 50)),
      baseline: round(p(atSmall, 50)),
      ratio: round(p(atLarge, 50) / p(atSmall, 50), 3),
    },
  ];
}
