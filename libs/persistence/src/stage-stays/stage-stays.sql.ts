/** Stages a project ends in: it stays in none of them, so they get no stay row. */
export const TERMINAL_STAGE_LIST = `('INCUBATED', 'REJECTED', 'WITHDRAWN')`;

/**
 * Every stay of every project, rebuilt from the read model's creation time (the APPLICATION
 * stay's start) and the audit log's accepted decisions, whose results name the stage after
 * them. A stay starts at the decision that entered its stage and ends at the one that left it,
 * at the audit entry's workflow time: the same instants the recording activity writes live.
 */
export const STAYS_FROM_AUDIT_LOG = `
  WITH events AS (
    SELECT p.id AS project_id, 0::bigint AS seq, p.created_at AS at,
           'APPLICATION'::text AS stage, NULL::text AS event_type
      FROM projects p
    UNION ALL
    SELECT a.project_id, a.seq, a.workflow_time, a.decision_result->>'stage', a.event_type
      FROM audit_events a
     WHERE a.kind = 'decision' AND a.decision_result ? 'stage'
  ), changes AS (
    SELECT *, lag(stage) OVER (PARTITION BY project_id ORDER BY seq) AS previous FROM events
  ), entered AS (
    SELECT * FROM changes WHERE previous IS NULL OR previous <> stage
  ), stays AS (
    SELECT project_id, stage, at AS entered_at,
           lead(at) OVER w AS left_at, lead(stage) OVER w AS next_stage,
           lead(event_type) OVER w AS left_by
      FROM entered
    WINDOW w AS (PARTITION BY project_id ORDER BY seq)
  )
  SELECT project_id, stage, entered_at, left_at, next_stage, left_by
    FROM stays
   WHERE stage NOT IN ${TERMINAL_STAGE_LIST}`;
