import { stringify } from 'csv-stringify/sync';
import type { Portfolio } from './portfolio.types';

type Row = [section: string, item: string, measure: string, value: string | number | null];

/**
 * The portfolio as one long table (section, item, measure, value) that a spreadsheet pivots,
 * with the period and filters in the first rows.
 */
export function portfolioCsv(portfolio: Portfolio): string {
  const rows: Row[] = [
    ['period', 'from', 'date', portfolio.period.from],
    ['period', 'to', 'date', portfolio.period.to],
    ['filter', 'college', 'text', portfolio.filters.college],
    ['filter', 'partyBranch', 'text', portfolio.filters.partyBranch],
    ...Object.entries(portfolio.projectsByStage).map(([stage, count]): Row => [
      'projectsByStage',
      stage,
      'projects',
      count,
    ]),
    ['outcomes', 'INCUBATED', 'projects', portfolio.incubated],
    ['outcomes', 'REJECTED', 'projects', portfolio.rejected],
    ['outcomes', 'WITHDRAWN', 'projects', portfolio.withdrawn],
    ['companies', 'registered', 'companies', portfolio.companiesRegistered],
    ['companies', 'jobsCreated', 'jobs', portfolio.jobsCreated],
    ['funding', 'all', 'raisedFen', portfolio.funding.raisedFen],
    ['funding', 'all', 'committedFen', portfolio.funding.committedFen],
    ...portfolio.funding.byKind.flatMap((kind): Row[] => [
      ['funding', kind.kind, 'raisedFen', kind.raisedFen],
      ['funding', kind.kind, 'committedFen', kind.committedFen],
    ]),
    ...portfolio.stageTimes.flatMap((times): Row[] => [
      ['stageTimes', times.stage, 'staysEnded', times.staysEnded],
      ['stageTimes', times.stage, 'medianDays', times.medianDays],
      ['stageTimes', times.stage, 'p90Days', times.p90Days],
    ]),
    ...portfolio.openStays.flatMap((open): Row[] => [
      ['openStays', open.stage, 'openStays', open.openStays],
      ['openStays', open.stage, 'medianAgeDays', open.medianAgeDays],
      ['openStays', open.stage, 'maxAgeDays', open.maxAgeDays],
    ]),
    [
      'bottleneck',
      portfolio.bottleneck?.stage ?? '',
      'medianDays',
      portfolio.bottleneck?.medianDays ?? null,
    ],
    ...portfolio.mentorLoad.flatMap((mentor): Row[] => [
      ['mentorLoad', mentor.mentorId, 'activeProjects', mentor.activeProjects],
      ['mentorLoad', mentor.mentorId, 'capacity', mentor.capacity],
    ]),
  ];
  return stringify(rows, { header: true, columns: ['section', 'item', 'measure', 'value'] });
}
