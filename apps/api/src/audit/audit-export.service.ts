import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import pLimit from 'p-limit';
import { DataSource } from 'typeorm';
import { projectsAuditedBetween } from '@app/persistence';
import { timelineCsv } from '../project-history/timeline-csv';
import { TimelineService } from '../project-history/timeline.service';
import type { TimelineEntry } from '../project-history/timeline.types';

/** The most projects one export covers; a longer period is asked to be split. */
const MAX_PROJECTS = 500;

/**
 * Timelines read at once. One after another, an export of two days (~300 projects, a Temporal
 * history each) outlasted the client's 30 s in the full fuzz run; a few at a time keep Temporal
 * and the archive busy without letting one export take every connection.
 */
const TIMELINES_AT_ONCE = 8;

export interface AuditExport {
  from: string;
  to: string;
  projects: { projectId: string; title: string; college: string; entries: TimelineEntry[] }[];
}

/** Bare dates are calendar days in Asia/Shanghai, where the center works. */
export function periodBound(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value);
}

/**
 * Every project with something recorded in a period, each with its timeline entries of that
 * period (from Temporal or the archive, like the project's own timeline).
 */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly timelines: TimelineService,
  ) {}

  async export(fromText: string, toText: string): Promise<AuditExport> {
    const from = periodBound(fromText);
    const to = periodBound(toText);
    if (!(from < to)) {
      throw new UnprocessableEntityException({ message: 'from must be before to', field: 'from' });
    }
    const projects = await projectsAuditedBetween(this.dataSource, from, to, MAX_PROJECTS + 1);
    if (projects.length > MAX_PROJECTS) {
      throw new UnprocessableEntityException({
        message: `more than ${MAX_PROJECTS} projects have records in this period: export shorter periods`,
        field: 'to',
      });
    }
    const fromIso = from.toISOString();
    const toIso = to.toISOString();
    const limit = pLimit(TIMELINES_AT_ONCE);
    const exported = await Promise.all(
      projects.map((project) =>
        limit(async () => {
          const timeline = await this.timelines.timelineOf(project);
          return {
            projectId: project.id,
            title: project.title,
            college: project.college,
            entries: timeline.entries.filter((entry) => entry.at >= fromIso && entry.at < toIso),
          };
        }),
      ),
    );
    return { from: fromIso, to: toIso, projects: exported };
  }

  static csv(exported: AuditExport): string {
    return timelineCsv(
      exported.projects.flatMap((project) =>
        project.entries.map((entry) => ({
          project: { projectId: project.projectId, title: project.title },
          entry,
        })),
      ),
      true,
    );
  }
}
