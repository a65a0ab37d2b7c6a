import { createRoomyMentor } from '../../support/http-client';
import type { Crew } from './pipeline-run';
import { PATIENT, RetryingClient, RetryPolicy } from './retrying-client';
import type { ReliabilityRig } from './rig';
import type { ScenarioTally } from './tally';

/** Two staff clients and a mentor client (with a mentor record of room enough) on one API. */
export async function crewOf(
  rig: ReliabilityRig,
  baseUrl: () => string,
  tally: ScenarioTally,
  policy: RetryPolicy = PATIENT,
): Promise<Crew> {
  const mentorId = await createRoomyMentor(rig.db, `Reliability ${tally.scenario}`);
  const [staffA, staffB, mentor] = await Promise.all([
    RetryingClient.signedIn('staff A', rig.db, 'staff', baseUrl, tally, { policy }),
    RetryingClient.signedIn('staff B', rig.db, 'staff', baseUrl, tally, { policy }),
    RetryingClient.signedIn('mentor', rig.db, 'mentor', baseUrl, tally, { mentorId, policy }),
  ]);
  // Addresses, so the decisions' notifications go out as emails to the SMTP catcher.
  await rig.db.query(`UPDATE mentors SET email = $2 WHERE id = $1`, [
    mentorId,
    `mentor-${mentorId.slice(0, 8)}@mentors.example.edu.cn`,
  ]);
  await rig.db.query(
    `UPDATE users SET email = username || '@incubator.example.edu.cn' WHERE id = ANY($1::uuid[])`,
    [[staffA.user.id, staffB.user.id, mentor.user.id]],
  );
  return { staff: [staffA, staffB], mentor, mentorId };
}
