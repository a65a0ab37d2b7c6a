import { randomUUID } from 'node:crypto';
import type { Application } from '@app/domain';
import { sampleApplication, uniqueSuffix } from '../../support/fixtures';
import { crewOf } from '../support/crew';
import { bodyFor, DecisionStep, everyDecisionWalks, walkPeople } from '../support/every-decision';
import {
  jsonOperations,
  StringField,
  stringFieldsOf,
  withString,
} from '../support/openapi-strings';
import type { HttpAnswer } from '../support/retrying-client';
import type { ReliabilityRig } from '../support/rig';
import type { RunSize } from '../support/sizes';
import { ScenarioTally } from '../support/tally';
import { verifyEffects } from '../support/verify-effects';

type Json = Parameters<typeof withString>[0];

/** What PostgreSQL or JSON cannot hold, or a field may not: each must be a 4xx naming the field. */
const MUST_REFUSE: Record<string, (field: StringField) => string> = {
  NUL: () => 'a\u0000b',
  'lone high surrogate': () => 'a\uD800b',
  'lone low surrogate': () => 'a\uDC00b',
  // An enum or a date has no length limit of its own: 10,000 characters is past any.
  'one over the length limit': (field) => 'x'.repeat((field.maxLength ?? 10_000) + 1),
};

/**
 * Text PostgreSQL and JSON hold, though it often breaks software on the way (headers, CSV,
 * search attributes, logs): accepted in free text and kept exactly as sent; refused in ids,
 * dates and codes.
 */
const STORABLE: Record<string, string> = {
  'C0 controls': 'a\u0001\u0007\u0008\u000b\u000c\u001b\u001fb',
  'line breaks and tabs': 'one\r\ntwo\tthree\n',
  'DEL and C1 controls': 'a\u007f\u0080\u0085\u009fb',
  'bidi controls': 'abc\u202eevil\u202c\u2066x\u2069\u200f',
  'zero-width and BOM': 'a\u200b\u200c\u200d\u2060\ufeffb',
  noncharacters: 'a\ufdd0\ufffe\uffffb',
  'astral and combining': '\u{1F600}\u{1D400}e\u0301\u0308',
  'quotes and escapes': `'"\\\`;--%s%n{{x}}<b>&amp;`,
};

/** The whole text, cut to `max` UTF-16 units without splitting a character. */
function within(text: string, max = Number.POSITIVE_INFINITY): string {
  let kept = '';
  for (const character of text) {
    if (kept.length + character.length > max) break;
    kept += character;
  }
  return kept;
}

/** Every value at a field path (array paths give each element's). */
function valuesAt(body: Json, path: string): Json[] {
  const [head, ...rest] = path.split('.');
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const value = body[key];
  if (value === undefined) return [];
  const items = isArray ? (Array.isArray(value) ? value : []) : [value];
  return rest.length ? items.flatMap((item) => valuesAt(item, rest.join('.'))) : items;
}

/** Every string leaf of a JSON value. */
function stringsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, into));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((v) => stringsIn(v, into));
  return into;
}

/** The field an answer names: the edge's `field`, or each of the validation pipe's problems. */
function namedFields(answer: HttpAnswer): string[] {
  const body = answer.body as { field?: string; problems?: { field?: string }[] };
  const named = [body.field, ...(body.problems ?? []).map((problem) => problem.field)];
  // `teamMembers[0].name` and `teamMembers.0.name` both name `teamMembers[].name`.
  return named
    .filter((field): field is string => typeof field === 'string')
    .map((field) => field.replace(/\[\d+\]|\.\d+(?=\.|$)/g, '[]'));
}

/** Fields whose text has a meaning the API checks (a mentor record, the USCC check character). */
const MEANINGFUL = new Set(['mentorId', 'uscc']);

interface Poisoning {
  tally: ScenarioTally;
  size: RunSize;
  /** Rotates which class a field gets in a small run. */
  turn: number;
}

/**
 * Sends `body` once per field and class that must be refused (every class at full size, one
 * in turn per field at small size): each must be a 4xx naming the field; a 2xx is accepted
 * bad, a 5xx is counted by the client.
 */
async function mustBeRefused(
  poisoning: Poisoning,
  what: string,
  fields: StringField[],
  body: Json,
  send: (body: Json) => Promise<HttpAnswer>,
): Promise<void> {
  const { tally, size } = poisoning;
  const full = size.name === 'full';
  for (const field of fields) {
    const classes: [string, string][] = Object.entries(MUST_REFUSE).map(([name, make]) => [
      name,
      make(field),
    ]);
    // Ids, dates and codes must refuse odd text too.
    if (!field.free) classes.push(...Object.entries(STORABLE));
    const chosen = full ? classes : [classes[poisoning.turn++ % classes.length]];
    for (const [name, text] of chosen) {
      tally.checks += 1;
      const answer = await send(withString(body, field.path, text));
      if (answer.status >= 200 && answer.status < 300) {
        tally.acceptedBad += 1;
        tally.problem(`${what} accepted ${name} in ${field.path}: ${answer.status}`);
      } else if (answer.status >= 400 && answer.status < 500) {
        // An element of a list of strings may be named by its list.
        const named = namedFields(answer);
        // A body made too large by it (a long text in each of many list items) is a 413.
        const tooLarge = answer.status === 413 && answer.body.rule === 'body-size-limit';
        const path = field.path.replace(/\[\]$/, '');
        if (!tooLarge && !named.includes(field.path) && !named.includes(path)) {
          tally.problem(
            `${what} refused ${name} in ${field.path} without naming it: ${answer.status} ${JSON.stringify(answer.body)}`,
          );
        }
      } else if (answer.status > 0 && answer.status < 500) {
        tally.problem(`${what} answered ${answer.status} to ${name} in ${field.path}`);
      }
    }
  }
}

/**
 * The body with odd but storable text in each free-text field: at small size all classes at
 * once, appended to the field's own value (titles stay unique); at full size the given class.
 */
function withStorableText(body: Json, fields: StringField[], odd: string): Json {
  let poisoned = body;
  for (const field of fields) {
    if (!field.free || MEANINGFUL.has(field.path.split('.').pop()!)) continue;
    poisoned = withString(poisoned, field.path, (original) => {
      if (typeof original !== 'string') return within(odd, field.maxLength);
      // Already poisoned (a resubmission's application, whose title must stay): kept.
      if (original.includes(within(odd, 4))) return original;
      return within(`${original} ${odd}`, field.maxLength);
    });
  }
  return poisoned;
}

/** The storable texts of the free fields that `body` carries, to find again once stored. */
function oddValues(body: Json, fields: StringField[]): string[] {
  return fields
    .filter((field) => field.free && !MEANINGFUL.has(field.path.split('.').pop()!))
    .flatMap((field) => valuesAt(body, field.path))
    .filter((value): value is string => typeof value === 'string');
}

const openApiPath = (action: string) => `/projects/{projectId}/${action}`;

/**
 * Poison inputs: every string field of POST /projects and of every decision (from the OpenAPI
 * document) sent with each class of text that must be refused, then each step sent with odd
 * but storable text in every free-text field, which must be accepted (the project stays
 * decidable) and kept exactly as sent.
 */
export async function poison(rig: ReliabilityRig, size: RunSize): Promise<ScenarioTally> {
  const tally = new ScenarioTally(
    `poison inputs: every string field, ${size.name === 'full' ? 'every' : 'one'} class each`,
  );
  const api = await rig.startApiInProcess();
  const worker = rig.startWorker();
  try {
    await rig.waitForWorker(worker);
    const crew = await crewOf(rig, () => api.baseUrl, tally);
    const people = await walkPeople(rig, crew, () => api.baseUrl, tally);
    const [staff] = crew.staff;
    const poisoning: Poisoning = { tally, size, turn: 0 };
    const oddClasses =
      size.name === 'full' ? Object.values(STORABLE) : [Object.values(STORABLE).join(' ')];

    const start = (application: Json) =>
      staff.once('POST', '/projects', application as object, {
        'Idempotency-Key': `poison-${randomUUID()}`,
      });
    const applicationFields = stringFieldsOf('post', '/projects');
    await mustBeRefused(
      poisoning,
      'POST /projects',
      applicationFields,
      sampleApplication(uniqueSuffix()) as unknown as Json,
      start,
    );

    // Every decision type must be on a walk: one the API gains later cannot be forgotten.
    const declared = jsonOperations('post', '/projects/{projectId}/').map((path) =>
      path.slice('/projects/{projectId}/'.length),
    );
    const probe = everyDecisionWalks(people, sampleApplication('probe'));
    const walked = new Set([...probe.main, ...probe.side, ...probe.matching].map((s) => s.action));
    for (const action of declared.filter((action) => !walked.has(action))) {
      tally.problem(`no walk sends ${action}: add it to every-decision.ts`);
    }

    const kept: { projectId: string; values: string[] }[] = [];
    const startPoisoned = async (
      odd: string,
    ): Promise<{ projectId: string; application: Application }> => {
      const application = withStorableText(
        sampleApplication(uniqueSuffix()) as unknown as Json,
        applicationFields,
        odd,
      );
      const answer = await start(application);
      if (answer.status !== 201) {
        throw new Error(
          `POST /projects with storable odd text: ${answer.status} ${JSON.stringify(answer.body)}`,
        );
      }
      const projectId = answer.body.projectId as string;
      kept.push({ projectId, values: oddValues(application, applicationFields) });
      return { projectId, application: application as unknown as Application };
    };

    /** The refused classes go along the first walk only: a state refuses them alike. */
    const walk = async (
      projectId: string,
      steps: DecisionStep[],
      odd: string,
      refusing: boolean,
    ) => {
      for (const step of steps) {
        const { who, action, mayBeRefused } = step;
        const fields = stringFieldsOf('post', openApiPath(action));
        const plain = { decisionId: randomUUID(), ...(await bodyFor(step, projectId)) } as Json;
        // A decisionId of their own: a refusal the workflow judged would stand for its id.
        const refusedBody = { ...(plain as object), decisionId: randomUUID() } as Json;
        if (refusing) {
          await mustBeRefused(poisoning, `POST ${action}`, fields, refusedBody, (body) =>
            who.once('POST', `/projects/${projectId}/${action}`, body as object),
          );
        }
        // Then the step itself, odd text in every free field: the project is still decidable.
        const poisoned = withStorableText(plain, fields, odd) as Record<string, Json>;
        const { decisionId, ...fieldsOnly } = poisoned;
        const sent = await who.decide(projectId, action, fieldsOnly, decisionId as string);
        if (sent.ending === 'accepted') {
          kept.push({ projectId, values: oddValues(poisoned, fields) });
        } else if (!mayBeRefused) {
          tally.problem(
            `${action} on ${projectId} with storable odd text: ${sent.ending} ${sent.lastStatus} ${JSON.stringify(sent.answer)}`,
          );
          return;
        }
      }
    };

    for (const [index, odd] of oddClasses.entries()) {
      const [main, side, matching] = await Promise.all([
        startPoisoned(odd),
        startPoisoned(odd),
        startPoisoned(odd),
      ]);
      const walks = everyDecisionWalks(people, side.application);
      await Promise.all([
        walk(main.projectId, walks.main, odd, index === 0),
        walk(side.projectId, walks.side, odd, index === 0),
        walk(matching.projectId, walks.matching, odd, index === 0),
      ]);
    }

    await verifyEffects(rig, tally, rig.client);
    // Kept exactly as sent: each odd text is in the project's audit rows or its detail.
    for (const { projectId, values } of kept) {
      const audit = await rig.db.query<{ payload: unknown; actor: unknown }>(
        'SELECT payload, actor FROM audit_events WHERE project_id = $1',
        [projectId],
      );
      const detail = await staff.get(`/projects/${projectId}`);
      const stored = stringsIn([audit.rows, detail.body]);
      for (const value of values) {
        tally.checks += 1;
        if (!stored.has(value)) {
          tally.acceptedBad += 1;
          tally.problem(`${projectId} does not hold ${JSON.stringify(value)} as sent`);
        }
      }
    }
    tally.notes.push(
      `${applicationFields.length} application fields, ${declared.length} decision types from the OpenAPI document`,
    );
    return tally;
  } finally {
    await api.close();
    await worker.stop();
  }
}
