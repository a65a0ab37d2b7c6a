import type { Application } from '@app/domain';
import { createRoomyMentor } from '../../support/http-client';
import { bodyOf } from '../../support/api-projects';
import { d } from '../../support/fixtures';
import { UploadedPlan, uploadedPlan } from '../../support/plan-uploads';
import type { Crew } from './pipeline-run';
import { RetryingClient } from './retrying-client';
import type { ReliabilityRig } from './rig';
import type { ScenarioTally } from './tally';

/** A body, or a plan version whose document is uploaded (by the one deciding) when it is sent. */
export type StepBody = object | UploadedPlan;

/** The fields to send for a step on `projectId`. */
export function bodyFor(step: DecisionStep, projectId: string): Promise<object> {
  return step.body instanceof UploadedPlan
    ? step.body.bodyFor(step.who, projectId)
    : Promise.resolve(step.body);
}

export interface DecisionStep {
  who: RetryingClient;
  action: string;
  body: StepBody;
  /** Refused by the workflow in this state (and that is what is checked). */
  mayBeRefused?: boolean;
}

/** The crew and the two more mentors the walks of every decision type need. */
export interface WalkPeople {
  crew: Crew;
  secondMentor: RetryingClient;
  secondMentorId: string;
  thirdMentorId: string;
}

export async function walkPeople(
  rig: ReliabilityRig,
  crew: Crew,
  baseUrl: () => string,
  tally: ScenarioTally,
): Promise<WalkPeople> {
  const secondMentorId = await createRoomyMentor(rig.db, 'Reliability second mentor');
  const thirdMentorId = await createRoomyMentor(rig.db, 'Reliability third mentor');
  const secondMentor = await RetryingClient.signedIn(
    'second mentor',
    rig.db,
    'mentor',
    baseUrl,
    tally,
    { mentorId: secondMentorId },
  );
  return { crew, secondMentor, secondMentorId, thirdMentorId };
}

const step = (
  who: RetryingClient,
  action: string,
  body: StepBody,
  mayBeRefused = false,
): DecisionStep => ({ who, action, body, mayBeRefused });

/**
 * Three projects' paths that together send every decision type the API has: `main` to
 * INCUBATED (with a revision round, amendments and a note), `side` through a return, a
 * resubmission, a hold and a withdrawal, `matching` through a decline and a replacement.
 */
export function everyDecisionWalks(
  people: WalkPeople,
  sideApplication: Application,
): { main: DecisionStep[]; side: DecisionStep[]; matching: DecisionStep[] } {
  const { crew, secondMentor, secondMentorId, thirdMentorId } = people;
  const [staff, otherStaff] = crew.staff;
  const { mentor, mentorId } = crew;
  return {
    main: [
      step(staff, 'screening', bodyOf(d.accept)),
      step(staff, 'mentor-assignment', { mentorId }),
      step(mentor, 'mentor-assignment/accept', {}),
      step(staff, 'plan-versions', uploadedPlan(1)),
      step(mentor, 'plan-review/request-revision', bodyOf(d.revise)),
      step(otherStaff, 'plan-versions', uploadedPlan(2)),
      step(mentor, 'plan-review/approve', bodyOf(d.approvePlan)),
      step(mentor, 'notes', { comment: 'The team presented well.' }),
      step(staff, 'investor-contacts', bodyOf(d.contact('c-1', 'meeting'))),
      step(staff, 'investor-contacts/amendments', {
        ...bodyOf(d.contact('c-1', 'term_sheet')),
        reason: 'The meeting became a term sheet.',
      }),
      step(mentor, 'investment-sign-offs', {}),
      step(staff, 'investment-sign-offs', {}),
      step(otherStaff, 'company', bodyOf(d.company())),
      step(staff, 'company/amendments', {
        ...bodyOf(d.company({ jobsCreated: 14 })),
        reason: 'Two more hires.',
      }),
      step(staff, 'incubation-approval', {}),
    ],
    side: [
      step(staff, 'deadline-extensions', {
        action: 'screenApplication',
        byDuration: { workingDays: 2 },
        reason: 'Holidays.',
      }),
      step(staff, 'screening', { outcome: 'return', comment: 'Add the patent numbers.' }),
      step(staff, 'resubmission', {
        application: sideApplication,
        comment: 'Patent numbers added.',
      }),
      step(staff, 'screening', bodyOf(d.accept)),
      step(staff, 'hold', bodyOf(d.hold)),
      step(staff, 'resume', bodyOf(d.resume)),
      step(staff, 'withdrawal', bodyOf(d.withdraw)),
    ],
    matching: [
      step(staff, 'screening', bodyOf(d.accept)),
      step(staff, 'mentor-assignment', { mentorId }),
      step(mentor, 'mentor-assignment/decline', bodyOf(d.decline)),
      step(staff, 'mentor-assignment', { mentorId: secondMentorId }),
      step(secondMentor, 'mentor-assignment/accept', {}),
      step(staff, 'mentor-replacement', {
        mentorId: thirdMentorId,
        reason: 'The mentor moved abroad.',
      }),
      // Allowed only once the revision limit is reached: refused here.
      step(staff, 'extra-revision-round', { reason: 'Close to done.' }, true),
    ],
  };
}
