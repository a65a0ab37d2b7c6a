import { randomUUID } from 'node:crypto';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { canonicalJson } from '@app/domain';
import { sampleApplication, uniqueSuffix } from '../../support/fixtures';
import { crewOf } from '../support/crew';
import { bodyFor, DecisionStep, everyDecisionWalks, walkPeople } from '../support/every-decision';
import type { HttpAnswer } from '../support/retrying-client';
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
    const [staff] = crew.staff;
    const people = await walkPeople(rig, crew, () => api.baseUrl, tally);
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
    const walk = async (projectId: string, steps: DecisionStep[]) => {
      for (const step of steps) {
        const { who, action, mayBeRefused } = step;
        const decisionId = randomUUID();
        const body = await bodyFor(step, projectId);
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
    const walks = everyDecisionWalks(people, side.application);
    await Promise.all([
      walk(main.projectId, walks.main),
      walk(side.projectId, walks.side),
      walk(matching.projectId, walks.matching),
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
