import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MentorPrivacy } from '../projects/mentor-privacy';
import { Actor } from '@app/domain';
import { InboxItem, InboxPage, InboxQuery, InboxUrgency } from './dto/inbox.dto';

interface InboxRow {
  id: string;
  title: string;
  college: string;
  stage: string;
  status: string;
  needs_attention: boolean;
  attention_reasons: string[];
  action: string;
  actor_role: 'staff' | 'mentor';
  mentor_id: string | null;
  due_at: Date | null;
  urgency: InboxUrgency;
  total: string;
}

/**
 * What the caller must act on now, from the read model's pending actions (no workflow is
 * asked). A mentor sees the decisions waiting for them; staff see theirs, plus every action of
 * a flagged project and every overdue one, whoever must take it, to follow up.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly privacy: MentorPrivacy,
  ) {}

  async inbox(actor: Actor, query: InboxQuery): Promise<InboxPage> {
    const asOf = new Date();
    const page = { page: query.page, pageSize: query.pageSize, asOf: asOf.toISOString() };
    const params: unknown[] = [asOf.toISOString()];
    let mine: string;
    if (actor.role === 'mentor' && actor.mentorId) {
      params.push(JSON.stringify([{ actorRole: 'mentor', mentorId: actor.mentorId }]));
      mine = `p.pending_actions @> $2::jsonb
              AND a.action->>'actorRole' = 'mentor' AND a.action->>'mentorId' = $3`;
      params.push(actor.mentorId);
    } else if (actor.role === 'staff' || actor.role === 'admin') {
      mine = `(a.action->>'actorRole' = 'staff' OR p.needs_attention
               OR (a.action->>'dueAt')::timestamptz < $1::timestamptz)`;
    } else {
      // Reviewers read everything and decide nothing: nothing waits for them.
      return { ...page, items: [], total: 0 };
    }
    const from = `FROM projects p
           CROSS JOIN LATERAL jsonb_array_elements(p.pending_actions) AS a(action)
          WHERE p.status <> 'CLOSED' AND ${mine}`;
    const filterParams = [...params];
    params.push(query.pageSize, (query.page - 1) * query.pageSize);
    const rows: InboxRow[] = await this.dataSource.query(
      `WITH pending AS (
         SELECT p.id, p.title, p.college, p.stage, p.status, p.needs_attention,
                p.attention_reasons, p.updated_at,
                a.action->>'action' AS action,
                a.action->>'actorRole' AS actor_role,
                a.action->>'mentorId' AS mentor_id,
                (a.action->>'dueAt')::timestamptz AS due_at
           ${from}
       ), ranked AS (
         SELECT *, CASE WHEN due_at < $1::timestamptz THEN 'overdue'
                        WHEN due_at IS NOT NULL THEN 'due'
                        WHEN needs_attention THEN 'flagged'
                        ELSE 'open' END AS urgency
           FROM pending
       )
       SELECT *, count(*) OVER () AS total FROM ranked
        ORDER BY CASE urgency WHEN 'overdue' THEN 0 WHEN 'due' THEN 1 WHEN 'flagged' THEN 2 ELSE 3 END,
                 due_at NULLS LAST, updated_at, id, action
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const inbox = {
      ...page,
      items: rows.map((row) => itemOf(row, actor, asOf)),
      total: rows.length > 0 ? Number(rows[0].total) : await this.count(from, filterParams),
    };
    return actor.role === 'mentor' && actor.mentorId
      ? this.privacy.forMentor(inbox, actor.mentorId)
      : inbox;
  }

  /** A page past the end has no row to carry the count. */
  private async count(from: string, params: unknown[]): Promise<number> {
    const rows: { total: number }[] = await this.dataSource.query(
      // The clock CTE gives $1 its type when the filter does not use it (a mentor's).
      `WITH clock AS (SELECT $1::timestamptz AS as_of) SELECT count(*)::int AS total ${from}`,
      params,
    );
    return rows[0].total;
  }
}

function itemOf(row: InboxRow, actor: Actor, asOf: Date): InboxItem {
  const dueAt = row.due_at === null ? null : new Date(row.due_at);
  const secondsLeft = dueAt === null ? null : Math.floor((dueAt.getTime() - asOf.getTime()) / 1000);
  const mentorsAction = row.actor_role === 'mentor';
  return {
    projectId: row.id,
    title: row.title,
    college: row.college,
    stage: row.stage,
    status: row.status,
    action: row.action,
    waitingFor: mentorsAction && actor.role !== 'mentor' ? 'mentor' : 'you',
    mentorId: row.mentor_id,
    dueAt: dueAt?.toISOString() ?? null,
    secondsLeft,
    overdue: row.urgency === 'overdue',
    urgency: row.urgency,
    needsAttention: row.needs_attention,
    attentionReasons: row.attention_reasons,
  };
}
