import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INVESTOR_KINDS, OPEN_STAGES, STAGES } from '@app/domain';
import { portfolioRows, PortfolioRows } from '@app/persistence';
import type { PortfolioQuery } from './dto/portfolio.query';
import type { Portfolio } from './portfolio.types';

/** Today's date on Asia/Shanghai's calendar. */
export function shanghaiDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

@Injectable()
export class PortfolioService {
  constructor(private readonly dataSource: DataSource) {}

  async portfolio(query: PortfolioQuery, now: Date = new Date()): Promise<Portfolio> {
    const to = query.to ?? shanghaiDate(now);
    const from = query.from ?? `${to.slice(0, 4)}-01-01`;
    const rows = await portfolioRows(this.dataSource, {
      from,
      to,
      college: query.college,
      partyBranch: query.partyBranch,
      now,
    });
    return portfolioOf(rows, {
      period: { from, to, timeZone: 'Asia/Shanghai' },
      filters: { college: query.college ?? null, partyBranch: query.partyBranch ?? null },
    });
  }
}

/** Shapes the SQL rows: every stage and investor kind listed, money as integer fen. */
export function portfolioOf(
  rows: PortfolioRows,
  head: Pick<Portfolio, 'period' | 'filters'>,
): Portfolio {
  const projectsByStage = Object.fromEntries(STAGES.map((stage) => [stage, 0]));
  for (const row of rows.byStage) projectsByStage[row.stage] = row.projects;
  const byKind = INVESTOR_KINDS.map((kind) => {
    const row = rows.funding.find((funding) => funding.kind === kind);
    return {
      kind,
      raisedFen: Number(row?.raised_fen ?? 0),
      committedFen: Number(row?.committed_fen ?? 0),
    };
  });
  const stageTimes = OPEN_STAGES.map((stage) => {
    const row = rows.stageTimes.find((times) => times.stage === stage);
    return {
      stage,
      staysEnded: row?.stays_ended ?? 0,
      medianDays: row?.median_days ?? null,
      p90Days: row?.p90_days ?? null,
    };
  });
  const openStays = OPEN_STAGES.map((stage) => {
    const row = rows.openStays.find((open) => open.stage === stage);
    return {
      stage,
      openStays: row?.open_stays ?? 0,
      medianAgeDays: row?.median_age_days ?? null,
      maxAgeDays: row?.max_age_days ?? null,
    };
  });
  return {
    ...head,
    projectsByStage,
    incubated: rows.outcomes.incubated,
    rejected: rows.outcomes.rejected,
    withdrawn: rows.outcomes.withdrawn,
    companiesRegistered: rows.companies.companies_registered,
    jobsCreated: rows.companies.jobs_created,
    incubatedCompanies: rows.incubatedCompanies.map((row) => ({
      projectId: row.project_id,
      companyName: row.company_name,
      registrationDate: row.registration_date,
      jobsCreated: row.jobs_created,
    })),
    funding: {
      raisedFen: byKind.reduce((sum, kind) => sum + kind.raisedFen, 0),
      committedFen: byKind.reduce((sum, kind) => sum + kind.committedFen, 0),
      byKind,
    },
    stageTimes,
    openStays,
    bottleneck: bottleneckOf(stageTimes, projectsByStage),
    mentorLoad: rows.mentorLoad.map((row) => ({
      mentorId: row.mentor_id,
      name: row.name,
      organisation: row.organisation,
      active: row.active,
      activeProjects: row.active_projects,
      capacity: row.capacity,
      spare: Math.max(row.capacity - row.active_projects, 0),
    })),
  };
}

/** Highest median stay; a tie goes to the stage holding more projects, then to the earlier stage. */
export function bottleneckOf(
  stageTimes: Portfolio['stageTimes'],
  projectsByStage: Record<string, number>,
): Portfolio['bottleneck'] {
  let best: Portfolio['bottleneck'] = null;
  for (const { stage, medianDays } of stageTimes) {
    if (medianDays === null) continue;
    const projectsInStage = projectsByStage[stage] ?? 0;
    if (
      !best ||
      medianDays > best.medianDays ||
      (medianDays === best.medianDays && projectsInStage > best.projectsInStage)
    ) {
      best = { stage, medianDays, projectsInStage };
    }
  }
  return best;
}
