import type { Queryable } from '../queryable';

export type PendingActionUrgency = 'overdue' | 'due' | 'flagged' | 'open';

/** One pending action of an open project, as the inbox lists it. */
export interface PendingActionRow {
  projectId: string;
  title: string;
  college: string;
  stage: string;
  status: string;
  needsAttention: boolean;
  attentionReasons: string[];
  action: string;
  actorRole: 'staff' | 'mentor';
  mentorId: string | null;
  dueAt: Date | null;
  urgency: PendingActionUrgency;
}

/**
 * Whose inbox: a mentor's holds the decisions waiting for that mentor; staff's holds theirs,
 * plus every action of a flagged project and every overdue one, whoever must take it.
 */
export type InboxOwner = { mentorId: string } | 'staff';

/**
 * A page of the owner's pending actions, most urgent first (overdue, due soonest, flagged, the
 * rest), from the read model's pending actions, with the count of all of them.
 */
export async function inboxPage(
  db: Queryable,
  owner: InboxOwner,
  page: { asOf: Date; limit: number; offset: number },
): Promise<{ rows: PendingActionRow[]; total: number }> {
  const params: unknown[] = [page.asOf.toISOString()];
  let mine: string;
  if (owner !== 'staff') {
    params.push(JSON.stringify([{ actorRole: 'mentor', mentorId: owner.mentorId }]));
    mine = `p.pending_actions @> $2::jsonb
            AND a.action->>'actorRole' = 'mentor' AND a.action->>'mentorId' = $3`;
    params.push(owner.mentorId);
  } else {
    mine = `(a.action->>'actorRole' = 'staff' OR p.needs_attention
             OR (a.action->>'dueAt')::timestamptz < $1::timestamptz)`;
  }
  const from = `FROM projects p
         CROSS JOIN LATERAL jsonb_array_elements(p.pending_actions) AS a(action)
        WHERE p.status <> 'CLOSED' AND ${mine}`;
  const filterParams = [...params];
  params.push(page.limit, page.offset);
  const rows: (PendingActionRow & { total: string })[] = await db.query(
    `WITH pending AS (
       SELECT p.id AS "projectId", p.title, p.college, p.stage, p.status,
              p.needs_attention AS "needsAttention", p.attention_reasons AS "attentionReasons",
              p.updated_at, p.id,
              a.action->>'action' AS action,
              a.action->>'actorRole' AS "actorRole",
              a.action->>'mentorId' AS "mentorId",
              (a.action->>'dueAt')::timestamptz AS "dueAt"
         ${from}
     ), ranked AS (
       SELECT *, CASE WHEN "dueAt" < $1::timestamptz THEN 'overdue'
                      WHEN "dueAt" IS NOT NULL THEN 'due'
                      WHEN "needsAttention" THEN 'flagged'
                      ELSE 'open' END AS urgency
         FROM pending
     )
     SELECT "projectId", title, college, stage, status, "needsAttention", "attentionReasons",
            action, "actorRole", "mentorId", "dueAt", urgency, count(*) OVER () AS total
       FROM ranked
      ORDER BY CASE urgency WHEN 'overdue' THEN 0 WHEN 'due' THEN 1 WHEN 'flagged' THEN 2 ELSE 3 END,
               "dueAt" NULLS LAST, updated_at, id, action
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    rows: rows.map(({ total: _total, ...row }) => row),
    total: rows.length > 0 ? Number(rows[0].total) : await countPending(db, from, filterParams),
  };
}

/** A page past the end has no row to carry the count. */
async function countPending(db: Queryable, from: string, params: unknown[]): Promise<number> {
  const rows: { total: number }[] = await db.query(
    // The clock CTE gives $1 its type when the filter does not use it (a mentor's).
    `WITH clock AS (SELECT $1::timestamptz AS as_of) SELECT count(*)::int AS total ${from}`,
    params,
  );
  return rows[0].total;
}
