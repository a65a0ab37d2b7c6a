import { randomUUID } from 'node:crypto';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { canonicalJson } from '@app/domain';
import { bodyOf } from '../../support/api-projects';
import { d, sampleApplication, uniqueSuffix } from '../../support/fixtures';
import { createRoomyMentor } from '../../support/http-client';
import { crewOf } from '../support/crew';
import { HttpAnswer, RetryingClient } from '../support/retrying-client';
import type { ReliabilityRig } from '../support/rig';
import { ScenarioTally, SentDecision } from '../support/tally';
import { verifyEffects } from '../support/verify-effects';

const COPIES = 10;

/**
 * Sends one request `COPIES` times at once (same decisionId or Idempotency-Key) and records it
 * as one intended decision: accepted if a copy was, and a problem unless every copy got the
 * same answer.
 */
async function sendCopies(
  tally: ScenarioTally,
  sent: SentDecision,
  attempt: () => Promise<HttpAnswer>,
): Promise<SentDecision> {
  tally.sent.push(sent);
  const answers = await Promise.all(Array.from({ length: COPIES }, attempt));
  sent.attempts = COPIES;
  const accepted = answers.find((answer) => answer.status === 200 || answer.status === 201);
  const last = accepted ?? answers[answers.length - 1];
  sent.lastStatus = last.status;
  sent.answer = last.body;
  sent.ending =
    last.status >= 500 || last.status === 0 ? 'unresolved' : accepted ? 'accepted' : 'refused';
  const distinct = new Set(
    answers.map((answer) => `${answer.status} ${canonicalJson(answer.body as never)}`),
  );
  if (distinct.size > 1) {
    tally.problem(
      `${COPIES} copies of ${sent.action} ${sent.key} got ${distinct.size} different answers: ${[
        ...new Set(answers.map((answer) => answer.status)),
      ].join(', ')}`,
    );
  }
  return sent;
}

/** A body, or one made for the project (a plan version uploads its document first). */
type Body = object | ((projectId: string) => Promise<object>);
type Step = [who: RetryingClient, action: string, body: Body, mayBeRefused?: boolean];

/**
 * Duplicates: every decision type sent ×10 at once with one decisionId along three projects'
 * paths, and every POST /projects ×10 at once with one Idempotency-Key; each must have one
 * effect and give every copy the same answer.
 */
export async function duplicates(
  rig: ReliabilityRig,
  options: {
    scenario?: string;
    customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  } = {},
): Promise<ScenarioTally> {
  const tally = new ScenarioTally(options.scenario ?? 'duplicates: every decision ×10, starts ×10');
  const api = await rig.startApiInProcess(options.customise);
  const worker = rig.startWorker();
  try {
    await rig.waitForWorker(worker);
    const crew = await crewOf(rig, () => api.baseUrl, tally);
    const [staff, otherStaff] = crew.staff;
    const { mentor, mentorId } = crew;
    const secondMentorId = await createRoomyMentor(rig.db, 'Reliability second mentor');
    const thirdMentorId = await createRoomyMentor(rig.db, 'Reliability third mentor');
    const secondMentor = await RetryingClient.signedIn(
      'second mentor',
      rig.db,
      'mentor',
      () => api.baseUrl,
      tally,
      { mentorId: secondMentorId },
    );

    const start = async () => {
      const application = sampleApplication(uniqueSuffix());
      const key = `dup-start-${randomUUID()}`;
      const sent = await sendCopies(
        tally,
        {
          kind: 'start',
          client: staff.name,
          action: 'POST /projects',
          key,
          college: application.college,
          ending: 'unresolved',
          attempts: 0,
          lastStatus: 0,
        },
        () => staff.once('POST', '/projects', application, { 'Idempotency-Key': key }),
      );
      const projectId = sent.answer?.projectId as string | undefined;
      if (sent.ending !== 'accepted' || !projectId) {
        throw new Error(`start ended ${sent.ending} ${sent.lastStatus}`);
      }
      sent.projectId = projectId;
      return { projectId, application };
    };
    const walk = async (projectId: string, steps: Step[]) => {
      for (const [who, action, given, mayBeRefused] of steps) {
        const decisionId = randomUUID();
        const body = typeof given === 'function' ? await given(projectId) : given;
        const sent = await sendCopies(
          tally,
          {
            kind: 'decision',
            client: who.name,
            action,
            key: decisionId,
            projectId,
            ending: 'unresolved',
            attempts: 0,
            lastStatus: 0,
          },
          () => who.once('POST', `/projects/${projectId}/${action}`, { decisionId, ...body }),
        );
        if (sent.ending !== 'accepted' && !mayBeRefused) {
          tally.problem(
            `${action} on ${projectId}: ${sent.lastStatus} ${JSON.stringify(sent.answer)}`,
          );
          return;
        }
      }
    };

    const [main, side, matching] = await Promise.all([start(), start(), start()]);
    const contact = bodyOf(d.contact('c-1', 'meeting'));
    await Promise.all([
      walk(main.projectId, [
        [staff, 'screening', bodyOf(d.accept)],
        [staff, 'mentor-assignment', { mentorId }],
        [mentor, 'mentor-assignment/accept', {}],
        [staff, 'plan-versions', (id) => staff.planBody(id, 1)],
        [mentor, 'plan-review/request-revision', bodyOf(d.revise)],
        [otherStaff, 'plan-versions', (id) => otherStaff.planBody(id, 2)],
        [mentor, 'plan-review/approve', bodyOf(d.approvePlan)],
        [staff, 'investor-contacts', contact],
        [
          staff,
          'investor-contacts/amendments',
          { ...bodyOf(d.contact('c-1', 'term_sheet')), reason: 'The meeting became a term sheet.' },
        ],
        [mentor, 'investment-sign-offs', {}],
        [staff, 'investment-sign-offs', {}],
        [otherStaff, 'company', bodyOf(d.company())],
        [
          staff,
          'company/amendments',
          { ...bodyOf(d.company({ jobsCreated: 14 })), reason: 'Two more hires.' },
        ],
        [staff, 'incubation-approval', {}],
      ]),
      walk(side.projectId, [
        [
          staff,
          'deadline-extensions',
          { action: 'screenApplication', byDuration: { workingDays: 2 }, reason: 'Holidays.' },
        ],
        [staff, 'screening', { outcome: 'return', comment: 'Add the patent numbers.' }],
        [
          staff,
          'resubmission',
          { application: side.application, comment: 'Patent numbers added.' },
        ],
        [staff, 'screening', bodyOf(d.accept)],
        [staff, 'hold', bodyOf(d.hold)],
        [staff, 'resume', bodyOf(d.resume)],
        [staff, 'withdrawal', bodyOf(d.withdraw)],
      ]),
      walk(matching.projectId, [
        [staff, 'screening', bodyOf(d.accept)],
        [staff, 'mentor-assignment', { mentorId }],
        [mentor, 'mentor-assignment/decline', bodyOf(d.decline)],
        [staff, 'mentor-assignment', { mentorId: secondMentorId }],
        [secondMentor, 'mentor-assignment/accept', {}],
        [
          staff,
          'mentor-replacement',
          { mentorId: thirdMentorId, reason: 'The mentor moved abroad.' },
        ],
        // Allowed only once the revision limit is reached: refused here, ten times alike.
        [staff, 'extra-revision-round', { reason: 'Close to done.' }, true],
      ]),
    ]);
    await verifyEffects(rig, tally, rig.client);
    const types = new Set(tally.sent.map((sent) => sent.action));
    tally.notes.push(`${types.size} kinds of request, each sent ${COPIES}× at once`);
    return tally;
  } finally {
    await api.close();
    await worker.stop();
  }
}
