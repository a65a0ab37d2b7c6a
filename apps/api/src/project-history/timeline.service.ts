import { HttpStatus, Injectable } from '@nestjs/common';
import { SecurityRefusalException } from '../auth';
import { DataSource } from 'typeorm';
import type { Actor } from '@app/domain';
import { MentorPrivacy } from '../projects/mentor-privacy';
import {
  AuditEventRecord,
  auditEventsOfProject,
  displayNamesOf,
  StoredProject,
} from '@app/persistence';
import { ProjectAccessService } from '../projects/project-access.service';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { ProjectRuns, ProjectRunsService } from './project-runs.service';
import { buildTimeline } from './timeline.builder';
import type { ProjectTimeline, TimelineEntry } from './timeline.types';

/**
 * Who may read a project's history: staff, admins and reviewers; a mentor only once assigned
 * (a mentor still asked to accept sees only the proposal's summary, never the history).
 */
@Injectable()
export class ProjectHistoryAccess {
  constructor(private readonly access: ProjectAccessService) {}

  /** A mentor reads a history only once assigned: a proposed one sees the summary alone. */
  readableProject(projectId: string, actor: Actor, what: string): Promise<StoredProject> {
    return this.access.assignedProject(projectId, actor, what);
  }

  /**
   * The raw history (and a replay of it) carries every activity's results, the mentor
   * ranking included: it is for staff, reviewers and admins, never for a mentor.
   */
  async rawHistoryProject(projectId: string, actor: Actor, what: string): Promise<StoredProject> {
    // Refused for every mentor alike, so the answer tells nothing about the project.
    if (actor.role === 'mentor') {
      throw new SecurityRefusalException(
        'forbidden-role',
        HttpStatus.FORBIDDEN,
        `a mentor may not read the raw history of a project (${what}): read its timeline`,
        { projectId, what },
      );
    }
    return this.access.visibleProject(projectId, actor, what);
  }
}

@Injectable()
export class TimelineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ProjectHistoryAccess,
    private readonly runs: ProjectRunsService,
    private readonly temporal: TemporalGateway,
    private readonly privacy: MentorPrivacy,
  ) {}

  /** The assigned mentor's timeline leaves out what concerns other mentors. */
  async timeline(projectId: string, actor: Actor): Promise<ProjectTimeline> {
    const row = await this.access.readableProject(projectId, actor, 'timeline');
    const timeline = await this.timelineOf(row);
    return actor.role === 'mentor' && actor.mentorId
      ? this.privacy.forMentor(timeline, actor.mentorId)
      : timeline;
  }

  /** The timeline of a project already checked as readable (the bulk export). */
  async timelineOf(row: StoredProject): Promise<ProjectTimeline> {
    // Independent reads side by side: the runs (archive and Temporal), and the audit rows
    // followed by the names of the people they name (every decision is audited, so these are
    // almost always all the timeline's actors).
    const audit = auditEventsOfProject(this.dataSource, row.id);
    const auditNames = audit.then((rows) =>
      this.namesOf(rows.flatMap((auditRow) => (auditRow.actor ? [auditRow.actor.userId] : []))),
    );
    const [joined, auditRows, knownNames]: [ProjectRuns, AuditEventRecord[], Map<string, string>] =
      await Promise.all([
        this.runs.runsOf(row.workflowId, row.closedAt !== null),
        audit,
        auditNames,
      ]);
    const entries = await buildTimeline(
      this.temporal.client.options.loadedDataConverter,
      joined.runs,
      auditRows,
    );
    return {
      projectId: row.id,
      workflowId: row.workflowId,
      title: row.title,
      college: row.college,
      runs: joined.runs.map((run) => ({
        runId: run.runId,
        source: run.source,
        status: run.status,
        eventCount: run.history.events?.length ?? 0,
      })),
      missingRunIds: joined.missingRunIds,
      entries: await this.withNames(entries, knownNames),
    };
  }

  /** Adds each actor's display name, so a reader sees people rather than ids. */
  private async withNames(
    entries: TimelineEntry[],
    known: Map<string, string>,
  ): Promise<TimelineEntry[]> {
    const unknown = entries.flatMap((entry) =>
      entry.actorUserId && !known.has(entry.actorUserId) ? [entry.actorUserId] : [],
    );
    const names =
      unknown.length === 0 ? known : new Map([...known, ...(await this.namesOf(unknown))]);
    return entries.map((entry) => ({
      ...entry,
      actorName: entry.actorUserId ? (names.get(entry.actorUserId) ?? null) : null,
    }));
  }

  private async namesOf(userIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    return ids.length === 0 ? new Map() : displayNamesOf(this.dataSource, ids);
  }
}
