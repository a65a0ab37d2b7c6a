import { recordMentorConflict } from '@app/domain';
import { nowIso, ProjectRun } from './project-run';

/**
 * A conflict of interest found when a mentor was assigned or accepted (declared after the
 * ranking) excludes the mentor from the project as the ranking's conflicts do, with the same
 * system event, so the mentor is never proposed to it again.
 */
export async function recordLateConflict(
  run: ProjectRun,
  mentorId: string,
  detail: string,
): Promise<void> {
  const next = recordMentorConflict(run.state, mentorId, nowIso());
  if (next === run.state) return;
  run.state = next;
  await run.recorder.system(`conflict:${mentorId}`, 'mentorConflictRecorded', { mentorId, detail });
}
