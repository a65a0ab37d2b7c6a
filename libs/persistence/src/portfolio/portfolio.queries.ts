import type { DataSource } from 'typeorm';

/** Which projects a figure counts: a period of Asia/Shanghai dates and optional filters. */
export interface PortfolioFilter {
  /** First day of the period, YYYY-MM-DD in Asia/Shanghai. */
  from: string;
  /** Last day of the period, included. */
  to: string;
  college?: string;
  partyBranch?: string;
  /** The instant open stays are aged at. */
  now: Date;
}

export interface StageTimeRow {
  stage: string;
  stays_ended: number;
  median_days: number | null;
  p90_days: number | null;
}

export interface OpenStayRow {
  stage: string;
  open_stays: number;
  median_age_days: number | null;
  max_age_days: number | null;
}

export interface FundingRow {
  kind: string;
  raised_fen: string;
  committed_fen: string;
}

export interface MentorLoadRow {
  mentor_id: string;
  name: string;
  organisation: string;
  active: boolean;
  capacity: number;
  active_projects: number;
}

export interface PortfolioRows {
  byStage: { stage: string; projects: number }[];
  outcomes: { incubated: number; rejected: number; withdrawn: number };
  companies: { companies_registered: number; jobs_created: number };
  incubatedCompanies: {
    project_id: string;
    company_name: string;
    registration_date: string;
    jobs_created: number;
  }[];
  funding: FundingRow[];
  stageTimes: StageTimeRow[];
  openStays: OpenStayRow[];
  mentorLoad: MentorLoadRow[];
}

// The period is [from 00:00, to + 1 day 00:00) on Asia/Shanghai's clock, so a stay that ended
// at 23:59:59 on the last day counts and one at 00:00:00 the next day does not.
const PERIOD_START = `(($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const PERIOD_END = `((($2::date + 1))::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** Projects of the filter, given the parameters of college and Party branch (null = any). */
const filteredProjects = (college: string, partyBranch: string): string => `
  SELECT p.id, p.stage FROM projects p
    LEFT JOIN project_applications a ON a.project_id = p.id
   WHERE (${college}::text IS NULL OR p.college = ${college})
     AND (${partyBranch}::text IS NULL OR a.party_branch = ${partyBranch})`;
const FILTERED_PROJECTS = filteredProjects('$3', '$4');

const DAYS = `(extract(epoch FROM (s.left_at - s.entered_at)) / 86400.0)`;

/**
 * Every figure of the portfolio, computed in PostgreSQL from the stage stays and the project
 * records, in one read-only transaction so the figures agree with each other.
 */
export async function portfolioRows(
  dataSource: DataSource,
  filter: PortfolioFilter,
): Promise<PortfolioRows> {
  const args = [filter.from, filter.to, filter.college ?? null, filter.partyBranch ?? null];
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const q = <T>(sql: string, params: unknown[] = args): Promise<T[]> =>
      manager.query<T[]>(sql, params);
    const byStage = await q<{ stage: string; projects: number }>(
      `SELECT f.stage, count(*)::int AS projects
         FROM (${filteredProjects('$1', '$2')}) f GROUP BY f.stage`,
      args.slice(2),
    );
    const [outcomes] = await q<{ incubated: number; rejected: number; withdrawn: number }>(
      `SELECT count(*) FILTER (WHERE s.next_stage = 'INCUBATED')::int AS incubated,
              count(*) FILTER (WHERE s.next_stage = 'REJECTED')::int AS rejected,
              count(*) FILTER (WHERE s.next_stage = 'WITHDRAWN')::int AS withdrawn
         FROM project_stage_stays s JOIN (${FILTERED_PROJECTS}) f ON f.id = s.project_id
        WHERE s.left_at >= ${PERIOD_START} AND s.left_at < ${PERIOD_END}`,
    );
    const incubatedCompanies = await q<PortfolioRows['incubatedCompanies'][number]>(
      `SELECT c.project_id, c.company_name, to_char(c.registration_date, 'YYYY-MM-DD')
                AS registration_date, c.jobs_created
         FROM project_companies c JOIN (${FILTERED_PROJECTS}) f ON f.id = c.project_id
        WHERE f.stage = 'INCUBATED' AND c.registration_date BETWEEN $1::date AND $2::date
        ORDER BY c.registration_date, c.company_name`,
    );
    const companies = {
      companies_registered: incubatedCompanies.length,
      jobs_created: incubatedCompanies.reduce((sum, row) => sum + row.jobs_created, 0),
    };
    const funding = await q<FundingRow>(
      `SELECT c.investor_kind AS kind,
              COALESCE(sum(c.amount_fen) FILTER (WHERE c.outcome IN ('invested', 'grant')), 0)
                ::text AS raised_fen,
              COALESCE(sum(c.amount_fen) FILTER (WHERE c.outcome = 'term_sheet'), 0)::text
                AS committed_fen
         FROM project_investor_contacts c JOIN (${FILTERED_PROJECTS}) f ON f.id = c.project_id
        WHERE c.contact_date BETWEEN $1::date AND $2::date
        GROUP BY c.investor_kind`,
    );
    const stageTimes = await q<StageTimeRow>(
      `SELECT s.stage, count(*)::int AS stays_ended,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${DAYS}) AS median_days,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${DAYS}) AS p90_days
         FROM project_stage_stays s JOIN (${FILTERED_PROJECTS}) f ON f.id = s.project_id
        WHERE s.left_at >= ${PERIOD_START} AND s.left_at < ${PERIOD_END}
        GROUP BY s.stage`,
    );
    const openStays = await q<OpenStayRow>(
      `SELECT s.stage, count(*)::int AS open_stays,
              percentile_cont(0.5) WITHIN GROUP
                (ORDER BY extract(epoch FROM ($3::timestamptz - s.entered_at)) / 86400.0)
                AS median_age_days,
              max(extract(epoch FROM ($3::timestamptz - s.entered_at)) / 86400.0)::float8
                AS max_age_days
         FROM project_stage_stays s JOIN (${filteredProjects('$1', '$2')}) f ON f.id = s.project_id
        WHERE s.left_at IS NULL
        GROUP BY s.stage`,
      [...args.slice(2), filter.now.toISOString()],
    );
    const mentorLoad = await q<MentorLoadRow>(
      `SELECT m.id AS mentor_id, m.name, m.organisation, m.active, m.capacity,
              (SELECT count(*)::int FROM mentor_assignments ma
                WHERE ma.mentor_id = m.id AND ma.released_at IS NULL) AS active_projects
         FROM mentors m
        ORDER BY m.name, m.id`,
      [],
    );
    return {
      byStage,
      outcomes,
      companies,
      incubatedCompanies,
      funding,
      stageTimes,
      openStays,
      mentorLoad,
    };
  });
}
