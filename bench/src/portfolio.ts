import type { BenchEnvironment } from './environment';
import { apiGet } from './projects';
import { percentile, timed } from './stats';
import type { Figure, Log, Options } from './benchmarks';

const P7_COLLEGE = 'Bench P7 College';
const OPEN_STAGES = [
  'APPLICATION',
  'MENTOR_MATCHING',
  'BUSINESS_PLAN',
  'INVESTOR_CONTACT',
  'COMPANY_REGISTRATION',
];

/**
 * The portfolio's projects: the list benchmark's all wait in APPLICATION, so these have moved.
 * Project i went through the first (i mod 6) stages, each stay 1–20 days long, over the past
 * year, and is now in the next stage (every sixth one INCUBATED). Read-model rows and stays are
 * written in SQL, as the recording activity would have left them; later runs find them.
 */
async function ensurePortfolioProjects(
  env: BenchEnvironment,
  wanted: number,
  log: Log,
): Promise<void> {
  const existing = await env.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM projects WHERE college = $1',
    [P7_COLLEGE],
  );
  const missing = wanted - existing.rows[0].n;
  if (missing <= 0) return;
  log(`P7 writing ${missing} projects with stays over every stage (kept in .data/bench)...`);
  await env.db.query(
    `WITH made AS (
       INSERT INTO projects (id, workflow_id, title, college, stage, status, version,
         created_at, updated_at, closed_at)
       SELECT gen_random_uuid(), 'bench-p7-' || g, 'P7 project ' || g, $2,
              (ARRAY['APPLICATION','MENTOR_MATCHING','BUSINESS_PLAN','INVESTOR_CONTACT',
                     'COMPANY_REGISTRATION','INCUBATED'])[1 + g % 6],
              CASE WHEN g % 6 = 5 THEN 'CLOSED' ELSE 'ACTIVE' END, 1,
              now() - interval '400 days' + (g % 300) * interval '1 day', now(),
              CASE WHEN g % 6 = 5 THEN now() ELSE NULL END
         FROM generate_series($1::int, $1::int + $3::int - 1) AS g
       RETURNING id, created_at, substring(workflow_id FROM 10)::int AS g
     )
     INSERT INTO project_stage_stays (project_id, stage, entered_at, left_at, next_stage, left_by)
     SELECT made.id, stages.stage,
            made.created_at + (s - 1) * interval '20 days',
            CASE WHEN s <= made.g % 6
                 THEN made.created_at + (s - 1) * interval '20 days'
                      + (1 + (made.g * s) % 20) * interval '1 day' END,
            CASE WHEN s <= made.g % 6 THEN
              (ARRAY['MENTOR_MATCHING','BUSINESS_PLAN','INVESTOR_CONTACT',
                     'COMPANY_REGISTRATION','INCUBATED'])[s] END,
            CASE WHEN s <= made.g % 6 THEN 'bench' END
       FROM made
       CROSS JOIN LATERAL generate_series(1, LEAST(made.g % 6 + 1, 5)) AS s
       JOIN LATERAL (SELECT ($4::text[])[s] AS stage) AS stages ON true`,
    [existing.rows[0].n, P7_COLLEGE, missing, OPEN_STAGES],
  );
}

/**
 * P7: GET /portfolio over the whole center (10,000 projects whose stays spread over every
 * stage, plus whatever else the bench database holds) against one page of GET /projects, p99.
 * The goal (≤ 5) keeps the report fast as the center grows.
 */
export async function portfolio(
  env: BenchEnvironment,
  options: Options,
  log: Log,
): Promise<Figure[]> {
  await ensurePortfolioProjects(env, options.listProjects, log);
  const year = new Date().getUTCFullYear();
  const portfolioOnce = async (): Promise<number> => {
    const response = await apiGet(
      env,
      env.staff,
      `/portfolio?from=${year - 1}-01-01&to=${year}-12-31`,
    );
    if (response.status !== 200) throw new Error(`GET /portfolio answered ${response.status}`);
    return 1;
  };
  const pageOnce = async (): Promise<number> => {
    const response = await apiGet(env, env.staff, '/projects?limit=20');
    if (response.status !== 200) throw new Error(`GET /projects answered ${response.status}`);
    return 1;
  };
  await portfolioOnce();
  await pageOnce();
  const report: number[] = [];
  const page: number[] = [];
  for (let i = 0; i < options.listSamples; i++) {
    report.push((await timed(portfolioOnce)).ms);
    page.push((await timed(pageOnce)).ms);
  }
  const ratio = percentile(report, 99) / percentile(page, 99);
  log(
    `P7 portfolio p99 ${percentile(report, 99).toFixed(1)} ms, page p99 ${percentile(page, 99).toFixed(1)} ms (${ratio.toFixed(2)}×)`,
  );
  const row: Figure = {
    id: 'P7 p99',
    what: `GET /portfolio over ${options.listProjects}+ projects with stays in every stage vs one GET /projects page`,
    unit: 'ms',
    ours: Math.round(percentile(report, 99) * 100) / 100,
    baseline: Math.round(percentile(page, 99) * 100) / 100,
    ratio: Math.round(ratio * 1000) / 1000,
    goal: '<= 5.00',
    met: ratio <= 5,
  };
  return [row];
}
