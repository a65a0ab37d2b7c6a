import type { EntityManager } from 'typeorm';
import { TERMINAL_STAGE_LIST } from './stage-stays.sql';

export interface StageStayTransition {
  projectId: string;
  /** The stage after the transition. */
  stage: string;
  /** When the project's first stay (APPLICATION) began. */
  createdAt: string;
  /** The transition's workflow time: when a stay it ends ended and one it starts began. */
  at: string;
  /** The event that caused it (a decision type), kept as how the stay ended. */
  eventType: string;
}

/**
 * Brings a project's stays up to a newer read-model row, in the recording transaction: starts
 * the APPLICATION stay of a project that has none, ends the open stay when the stage changed,
 * and opens one for the new stage unless it is terminal. Each step looks at what is stored, so
 * running it again changes nothing; the caller runs it only for a snapshot that was applied.
 */
export async function recordStageStay(
  manager: EntityManager,
  transition: StageStayTransition,
): Promise<void> {
  const { projectId, stage, at } = transition;
  await manager.query(
    `INSERT INTO project_stage_stays (project_id, stage, entered_at)
     SELECT $1, 'APPLICATION', $2
      WHERE NOT EXISTS (SELECT 1 FROM project_stage_stays WHERE project_id = $1)`,
    [projectId, transition.createdAt],
  );
  await manager.query(
    `UPDATE project_stage_stays
        SET left_at = GREATEST($3::timestamptz, entered_at), next_stage = $2, left_by = $4
      WHERE project_id = $1 AND left_at IS NULL AND stage <> $2`,
    [projectId, stage, at, transition.eventType],
  );
  await manager.query(
    `INSERT INTO project_stage_stays (project_id, stage, entered_at)
     SELECT $1, $2, $3
      WHERE $2 NOT IN ${TERMINAL_STAGE_LIST}
        AND NOT EXISTS (SELECT 1 FROM project_stage_stays
                         WHERE project_id = $1 AND left_at IS NULL)
     ON CONFLICT (project_id, stage, entered_at) DO NOTHING`,
    [projectId, stage, at],
  );
}
