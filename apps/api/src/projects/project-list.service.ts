import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@app/domain';
import { ListedProject, listProjects } from '@app/persistence';
import { ListProjectsQuery } from './dto/list-projects.query';
import { decodeCursor, encodeCursor } from './project-list.cursor';

export interface ProjectListItem {
  projectId: string;
  title: string;
  college: string;
  stage: string;
  status: string;
  mentorId: string | null;
  needsAttention: boolean;
  attentionReasons: string[];
  nextDueAt: string | null;
  revisionRounds: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface ProjectListPage {
  items: ProjectListItem[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** The project list from the read model (see listProjects), a page at a time. */
@Injectable()
export class ProjectListService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: ListProjectsQuery): Promise<ProjectListPage> {
    // A mentor lists only the projects proposed or assigned to them.
    const mentorId = actor.role === 'mentor' ? actor.mentorId : query.mentorId;
    if (actor.role === 'mentor' && !mentorId) return { items: [], nextCursor: null };
    const sort = query.sort ?? 'updatedAt';
    const after = query.cursor
      ? decodeCursor(query.cursor, query.sort === 'title' ? 'text' : 'time')
      : undefined;
    const limit = query.limit ?? 20;
    const rows = await listProjects(this.dataSource, {
      filter: {
        mentorId,
        stage: query.stage,
        status: query.status,
        college: query.college,
        needsAttention: query.needsAttention,
        overdue: query.overdue,
        titleContains: query.q,
      },
      sort,
      descending: (query.order ?? 'desc') === 'desc',
      after: after && { key: after[0], id: after[1] },
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toListItem),
      nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null,
    };
  }
}

function toListItem(row: ListedProject): ProjectListItem {
  return {
    projectId: row.id,
    title: row.title,
    college: row.college,
    stage: row.stage,
    status: row.status,
    mentorId: row.mentorId,
    needsAttention: row.needsAttention,
    attentionReasons: row.attentionReasons,
    nextDueAt: row.nextDueAt?.toISOString() ?? null,
    revisionRounds: row.revisionRounds,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}
