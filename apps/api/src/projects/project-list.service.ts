import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@app/domain';
import { ListProjectsQuery, ProjectSort } from './dto/list-projects.query';
import type { ProjectRow } from './project-access.service';
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

/** Sort keys as SQL; a missing due date sorts after every real one. */
const SORT_SQL: Record<ProjectSort, string> = {
  updatedAt: 'updated_at',
  createdAt: 'created_at',
  title: 'title',
  nextDueAt: "COALESCE(next_due_at, 'infinity'::timestamptz)",
};

/** The read-model row with the page's sort key, as text for the cursor. */
type ListRow = Omit<ProjectRow, 'workflow_id' | 'pending_actions'> & { sort_key: string };

/**
 * The project list, straight from the read model: filters and keyset pagination in SQL, so a
 * page costs the same at ten thousand projects as at ten.
 */
@Injectable()
export class ProjectListService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: ListProjectsQuery): Promise<ProjectListPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    // A mentor lists only the projects proposed or assigned to them.
    const mentorId = actor.role === 'mentor' ? actor.mentorId : query.mentorId;
    if (actor.role === 'mentor' && !mentorId) return { items: [], nextCursor: null };
    if (mentorId !== undefined) where.push(`mentor_id = ${param(mentorId)}`);
    if (query.stage) where.push(`stage = ${param(query.stage)}`);
    if (query.status) where.push(`status = ${param(query.status)}`);
    if (query.college) where.push(`college = ${param(query.college)}`);
    if (query.needsAttention !== undefined)
      where.push(`needs_attention = ${param(query.needsAttention)}`);
    if (query.overdue === true) where.push(`next_due_at < now()`);
    if (query.overdue === false) where.push(`(next_due_at IS NULL OR next_due_at >= now())`);
    if (query.q) {
      const escaped = query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      where.push(`lower(title) LIKE ${param(`%${escaped}%`)}`);
    }

    const sort = SORT_SQL[query.sort ?? 'updatedAt'];
    const descending = (query.order ?? 'desc') === 'desc';
    const sortText = `(${sort})::text`;
    if (query.cursor) {
      const [key, id] = decodeCursor(query.cursor, query.sort === 'title' ? 'text' : 'time');
      const keyParam = param(key);
      const idParam = param(id);
      const typed = query.sort === 'title' ? keyParam : `${keyParam}::timestamptz`;
      where.push(`(${sort}, id) ${descending ? '<' : '>'} (${typed}, ${idParam}::uuid)`);
    }
    const limit = query.limit ?? 20;
    const direction = descending ? 'DESC' : 'ASC';
    const rows: ListRow[] = await this.dataSource.query(
      `SELECT id, title, college, stage, status, mentor_id, needs_attention, attention_reasons,
              next_due_at, revision_rounds, version, created_at, updated_at, closed_at,
              ${sortText} AS sort_key
         FROM projects
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${sort} ${direction}, id ${direction}
        LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toListItem),
      nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.id) : null,
    };
  }
}

function toListItem(row: ListRow): ProjectListItem {
  return {
    projectId: row.id,
    title: row.title,
    college: row.college,
    stage: row.stage,
    status: row.status,
    mentorId: row.mentor_id,
    needsAttention: row.needs_attention,
    attentionReasons: row.attention_reasons,
    nextDueAt: row.next_due_at?.toISOString() ?? null,
    revisionRounds: row.revision_rounds,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
  };
}
