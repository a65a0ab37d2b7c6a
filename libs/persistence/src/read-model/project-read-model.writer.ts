import type { EntityManager } from 'typeorm';
import type { ProjectSnapshot } from '@app/domain';

/**
 * Upserts a project's read-model row unless it already holds this or a newer version, and
 * says whether it wrote. A transition to REJECTED or WITHDRAWN frees the project's title.
 */
export async function upsertProjectSnapshot(
  manager: EntityManager,
  snapshot: ProjectSnapshot,
): Promise<boolean> {
  const written: unknown[] = await manager.query(
    `INSERT INTO projects (id, workflow_id, title, college, stage, status, mentor_id,
       needs_attention, attention_reasons, next_due_at, pending_actions, revision_rounds,
       version, created_at, updated_at, closed_at, assigned_mentor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (id) DO UPDATE SET
       title = EXCLUDED.title, college = EXCLUDED.college, stage = EXCLUDED.stage,
       status = EXCLUDED.status, mentor_id = EXCLUDED.mentor_id,
       needs_attention = EXCLUDED.needs_attention, attention_reasons = EXCLUDED.attention_reasons,
       next_due_at = EXCLUDED.next_due_at, pending_actions = EXCLUDED.pending_actions,
       revision_rounds = EXCLUDED.revision_rounds, version = EXCLUDED.version,
       updated_at = EXCLUDED.updated_at, closed_at = EXCLUDED.closed_at,
       assigned_mentor_id = EXCLUDED.assigned_mentor_id
     WHERE projects.version < EXCLUDED.version
     RETURNING id`,
    [
      snapshot.projectId,
      snapshot.workflowId,
      snapshot.title,
      snapshot.college,
      snapshot.stage,
      snapshot.status,
      snapshot.mentorId,
      snapshot.needsAttention,
      snapshot.attentionReasons,
      snapshot.nextDueAt,
      JSON.stringify(snapshot.pendingActions),
      snapshot.revisionRounds,
      snapshot.version,
      snapshot.createdAt,
      snapshot.updatedAt,
      snapshot.closedAt,
      // Absent from snapshots of workflows started before the column existed.
      snapshot.assignedMentorId ?? null,
    ],
  );
  const applied = written.length > 0;
  if (applied && snapshot.releasesTitle) {
    await manager.query(
      'UPDATE title_claims SET released_at = now() WHERE project_id = $1 AND released_at IS NULL',
      [snapshot.projectId],
    );
  }
  return applied;
}
