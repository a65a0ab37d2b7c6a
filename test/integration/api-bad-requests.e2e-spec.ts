import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { Response } from 'supertest';
import { Application, DECISION_TYPES, DecisionType } from '@app/domain';
import { validApplication } from '@app/domain/testing/domain.fixtures';
import {
  bodyOf,
  decideOk,
  driveProjectTo,
  Milestone,
  ProjectFootprint,
  quiescentFootprint,
  submitProject,
  SubmittedApiProject,
} from '../support/api-projects';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';
import { uploadedPlan } from '../support/plan-uploads';

/** Where the projects of this file stand when the table runs. */
const PROJECTS = {
  application: 'APPLICATION',
  matching: 'MENTOR_MATCHING',
  proposed: 'PROPOSED',
  plan: 'BUSINESS_PLAN',
  investment: 'STAFF_SIGNED_OFF',
  registration: 'COMPANY_REGISTRATION',
  held: 'APPLICATION',
  withdrawn: 'APPLICATION',
} as const satisfies Record<string, Milestone>;
type ProjectKey = keyof typeof PROJECTS;

interface BadRequest {
  what: string;
  /** The existing project the request aims at, or the application a new project would be. */
  target: ProjectKey | { newApplicationCollege: () => string };
  send: () => Promise<Response>;
  status: number;
  /** The `rule` the body must name, when the refusal has one. */
  rule?: string;
  /** Text that must appear in what the body says (message, rule, field or problems). */
  names: string;
  /** For workflow-validator refusals: the decision type the row stands for. */
  decisionType?: DecisionType;
}

const team = (size: number): Application['teamMembers'] =>
  Array.from({ length: size }, (_, index) => ({
    name: `Member ${index}`,
    memberId: `S2024${String(index).padStart(3, '0')}`,
    role: index === 0 ? 'lead' : 'member',
    degree: 'master',
    partyMember: index === 0,
  }));

describe('HTTP: bad requests are refused with a 4xx naming the field or rule, and change nothing', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let staff2: HttpAs;
  let mentor: HttpAs;
  let otherMentor: HttpAs;
  let mentorId: string;
  const projects = {} as Record<ProjectKey, SubmittedApiProject>;
  const id = (key: ProjectKey): string => projects[key].projectId;

  beforeAll(async () => {
    ctx = await openIntegrationContext('api-bad-requests');
    app = await bootApi(ctx.config);
    mentorId = await createRoomyMentor(ctx.db, 'Bad Requests Mentoring Ltd');
    const otherMentorId = await createRoomyMentor(ctx.db, 'Other Mentoring Ltd');
    [staff, staff2, mentor, otherMentor] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
      signedInUser(app, ctx.db, 'mentor', { mentorId: otherMentorId }),
    ]);
    await Promise.all(
      (Object.entries(PROJECTS) as [ProjectKey, Milestone][]).map(async ([key, milestone]) => {
        projects[key] = await submitProject(staff);
        await driveProjectTo({ staff, mentor, mentorId }, id(key), milestone);
      }),
    );
    await decideOk(staff, id('held'), 'hold', bodyOf(d.hold));
    await decideOk(staff, id('withdrawn'), 'withdrawal', bodyOf(d.withdraw));
  });

  afterAll(async () => {
    const users = [staff, staff2, mentor, otherMentor].filter(Boolean).map((who) => who.user.id);
    if (users.length > 0) {
      await ctx.db.query('UPDATE users SET active = false WHERE id = ANY($1)', [users]);
    }
    await app?.close();
    await ctx?.close();
  });

  const raw = () => request(app.getHttpServer());
  const submit = (application: object, key = `bad-${uniqueSuffix()}`) =>
    staff.post('/projects', application, { 'Idempotency-Key': key });
  const newProject = (
    what: string,
    application: Application & Record<string, unknown>,
    status: number,
    names: string,
    rule?: string,
  ): BadRequest => ({
    what,
    target: { newApplicationCollege: () => application.college },
    send: () => submit(application),
    status,
    names,
    rule,
  });
  const fresh = (overrides: Partial<Application> = {}) =>
    sampleApplication(uniqueSuffix(), overrides) as Application & Record<string, unknown>;
  const contact = (overrides: Record<string, unknown> = {}) => ({
    ...bodyOf(d.contact('c-9', 'invested')),
    ...overrides,
  });
  const company = (overrides: Record<string, unknown> = {}) => ({
    ...bodyOf(d.company()),
    ...overrides,
  });
  const reason = { reason: 'Because the test says so.' };

  const table: BadRequest[] = [
    // One workflow-validator refusal per decision type: stateful rules only the workflow judges.
    {
      what: 'screening a project already in matching',
      decisionType: 'screenApplication',
      target: 'matching',
      send: () => staff.decide(id('matching'), 'screening', { outcome: 'accept' }),
      status: 409,
      rule: 'wrong-stage',
      names: 'screenApplication',
    },
    {
      what: 'resubmitting an application that was not returned',
      decisionType: 'resubmitApplication',
      target: 'application',
      send: () =>
        staff.decide(id('application'), 'resubmission', {
          application: projects.application.application,
        }),
      status: 422,
      rule: 'not-returned',
      names: 'not-returned',
    },
    {
      what: 'assigning a mentor while the proposed one has not answered',
      decisionType: 'assignMentor',
      target: 'proposed',
      send: () => staff.decide(id('proposed'), 'mentor-assignment', { mentorId: randomUUID() }),
      status: 422,
      rule: 'assignment-pending',
      names: 'assignment-pending',
    },
    {
      what: 'accepting an assignment already accepted',
      decisionType: 'acceptAssignment',
      target: 'plan',
      send: () => mentor.decide(id('plan'), 'mentor-assignment/accept', {}),
      status: 409,
      rule: 'wrong-stage',
      names: 'acceptAssignment',
    },
    {
      what: 'declining an assignment in the business-plan stage',
      decisionType: 'declineAssignment',
      target: 'plan',
      send: () => mentor.decide(id('plan'), 'mentor-assignment/decline', reason),
      status: 409,
      rule: 'wrong-stage',
      names: 'declineAssignment',
    },
    {
      what: 'submitting a plan version in the investor stage',
      decisionType: 'submitPlanVersion',
      target: 'investment',
      send: () => staff.decide(id('investment'), 'plan-versions', uploadedPlan(2)),
      status: 409,
      rule: 'wrong-stage',
      names: 'submitPlanVersion',
    },
    {
      what: 'approving a plan when none awaits review',
      decisionType: 'approvePlan',
      target: 'plan',
      send: () => mentor.decide(id('plan'), 'plan-review/approve', {}),
      status: 422,
      rule: 'no-plan-awaiting-review',
      names: 'no-plan-awaiting-review',
    },
    {
      what: 'requesting a revision in the investor stage',
      decisionType: 'requestRevision',
      target: 'investment',
      send: () =>
        mentor.decide(id('investment'), 'plan-review/request-revision', { comment: 'More.' }),
      status: 409,
      rule: 'wrong-stage',
      names: 'requestRevision',
    },
    {
      what: 'recording a contact under an id already used',
      decisionType: 'recordInvestorContact',
      target: 'investment',
      send: () =>
        staff.decide(id('investment'), 'investor-contacts', contact({ contactId: 'c-1' })),
      status: 422,
      rule: 'contact-id-used',
      names: 'contactId',
    },
    {
      what: 'the same person signing off twice',
      decisionType: 'signOffInvestment',
      target: 'investment',
      send: () => staff.decide(id('investment'), 'investment-sign-offs', {}),
      status: 422,
      rule: 'signoff-same-person',
      names: 'signoff-same-person',
    },
    {
      what: 'recording the company before the investor stage closed',
      decisionType: 'recordCompany',
      target: 'investment',
      send: () => staff.decide(id('investment'), 'company', company()),
      status: 409,
      rule: 'wrong-stage',
      names: 'recordCompany',
    },
    {
      what: 'approving incubation with no company recorded',
      decisionType: 'approveIncubation',
      target: 'registration',
      send: () => staff.decide(id('registration'), 'incubation-approval', {}),
      status: 422,
      rule: 'no-company',
      names: 'no-company',
    },
    {
      what: 'withdrawing a project already withdrawn',
      decisionType: 'withdraw',
      target: 'withdrawn',
      send: () => staff.decide(id('withdrawn'), 'withdrawal', reason),
      status: 409,
      rule: 'project-closed',
      names: 'closed',
    },
    {
      what: 'amending a contact that does not exist',
      decisionType: 'amendInvestorContact',
      target: 'investment',
      send: () =>
        staff.decide(id('investment'), 'investor-contacts/amendments', {
          ...contact({ contactId: 'c-404' }),
          ...reason,
        }),
      status: 422,
      rule: 'unknown-contact',
      names: 'contactId',
    },
    {
      what: 'amending a company that was never recorded',
      decisionType: 'amendCompany',
      target: 'registration',
      send: () =>
        staff.decide(id('registration'), 'company/amendments', { ...company(), ...reason }),
      status: 422,
      rule: 'no-company',
      names: 'no-company',
    },
    {
      what: 'replacing the mentor by the same mentor',
      decisionType: 'replaceMentor',
      target: 'plan',
      send: () => staff.decide(id('plan'), 'mentor-replacement', { mentorId, ...reason }),
      status: 422,
      rule: 'same-mentor',
      names: 'mentorId',
    },
    {
      what: 'extending the deadline of a step that is not pending',
      decisionType: 'extendDeadline',
      target: 'plan',
      send: () =>
        staff.decide(id('plan'), 'deadline-extensions', {
          action: 'approvePlan',
          byDuration: { workingDays: 2 },
          ...reason,
        }),
      status: 422,
      rule: 'no-such-pending-action',
      names: 'action',
    },
    {
      what: 'allowing an extra revision round before the limit is reached',
      decisionType: 'allowExtraRevisionRound',
      target: 'plan',
      send: () => staff.decide(id('plan'), 'extra-revision-round', reason),
      status: 422,
      rule: 'revision-limit-not-reached',
      names: 'revision-limit-not-reached',
    },
    {
      what: 'putting a held project on hold',
      decisionType: 'putOnHold',
      target: 'held',
      send: () => staff.decide(id('held'), 'hold', reason),
      status: 422,
      rule: 'already-on-hold',
      names: 'already-on-hold',
    },
    {
      what: 'resuming a project that is not on hold',
      decisionType: 'resumeProject',
      target: 'application',
      send: () => staff.decide(id('application'), 'resume', reason),
      status: 422,
      rule: 'not-on-hold',
      names: 'not-on-hold',
    },
    {
      what: 'a note by a mentor only proposed, not assigned',
      decisionType: 'addNote',
      target: 'proposed',
      send: () => mentor.decide(id('proposed'), 'notes', { comment: 'Not mine yet.' }),
      status: 422,
      rule: 'not-your-project',
      names: 'assigned mentor',
    },
    // More stateful refusals.
    {
      what: 'screening a project on hold',
      target: 'held',
      send: () => staff.decide(id('held'), 'screening', { outcome: 'accept' }),
      status: 409,
      rule: 'on-hold',
      names: 'on hold',
    },
    {
      what: 'a second staff sign-off where the mentor must sign',
      target: 'investment',
      send: () => staff2.decide(id('investment'), 'investment-sign-offs', {}),
      status: 422,
      rule: 'signoff-already-given',
      names: 'signoff-already-given',
    },
    {
      what: 'a new decision on a closed project',
      target: 'withdrawn',
      send: () => staff.decide(id('withdrawn'), 'screening', { outcome: 'accept' }),
      status: 409,
      rule: 'project-closed',
      names: 'closed',
    },
    {
      what: "a mentor approving another mentor's plan (a 404, so ids do not leak)",
      target: 'plan',
      send: () => otherMentor.decide(id('plan'), 'plan-review/approve', {}),
      status: 404,
      names: 'not found',
    },
    // Applications: eligibility (422), title claims (409) and shape (400).
    newProject('a team of 0', fresh({ teamMembers: [] }), 422, 'teamMembers', 'min-items'),
    newProject('a team of 16', fresh({ teamMembers: team(16) }), 422, 'teamMembers', 'max-items'),
    newProject(
      'a lead who is not a Party member',
      fresh({ teamMembers: team(2).map((member) => ({ ...member, partyMember: false })) }),
      422,
      'partyMember',
      'lead-party-member',
    ),
    {
      what: 'a title already held in the same college',
      target: { newApplicationCollege: () => projects.application.application.college },
      send: () => submit({ ...projects.application.application, summary: 'Another team.' }),
      status: 409,
      rule: 'duplicate-title',
      names: 'title',
    },
    newProject(
      'negative funding requested',
      fresh({ fundingRequestedFen: -1 }),
      400,
      'fundingRequestedFen',
    ),
    newProject(
      'funding as a float',
      fresh({ fundingRequestedFen: 1.5 }),
      400,
      'fundingRequestedFen',
    ),
    newProject(
      'a technology readiness level of 10',
      fresh({ technologyReadinessLevel: 10 }),
      400,
      'technologyReadinessLevel',
    ),
    newProject('a title over 200 characters', fresh({ title: '题'.repeat(201) }), 400, 'title'),
    newProject(
      'a field tag over 50 characters',
      fresh({ fieldTags: ['x'.repeat(51)] }),
      400,
      'fieldTags',
    ),
    newProject('an unknown field', { ...fresh(), budget: 12 }, 400, 'budget'),
    newProject(
      'an unknown field inside a team member',
      fresh({
        teamMembers: validApplication().teamMembers.map((member, index) =>
          index === 0 ? { ...member, phone: '138' } : member,
        ),
      }),
      400,
      'phone',
    ),
    newProject(
      'an actor in the body',
      { ...fresh(), actor: { userId: 'u-1', role: 'admin' } },
      400,
      'actor',
    ),
    newProject(
      'a patent status that does not exist',
      fresh({
        ipAssets: [{ patentNumber: 'ZL1', title: 'x', status: 'pending' as 'filed' }],
      }),
      400,
      'status',
    ),
    (() => {
      const application = fresh();
      return {
        what: 'no Idempotency-Key on POST /projects',
        target: { newApplicationCollege: () => application.college },
        send: () => staff.post('/projects', application),
        status: 400,
        names: 'Idempotency-Key',
      } satisfies BadRequest;
    })(),
    (() => {
      const application = fresh();
      return {
        what: 'an Idempotency-Key with spaces',
        target: { newApplicationCollege: () => application.college },
        send: () => submit(application, 'not a key'),
        status: 400,
        names: 'Idempotency-Key',
      } satisfies BadRequest;
    })(),
    // Decisions: stateless rules the API judges (422) and shapes (400).
    {
      what: 'a USCC with a wrong check character',
      target: 'registration',
      send: () =>
        staff.decide(id('registration'), 'company', company({ uscc: '91350100M000100Y44' })),
      status: 422,
      rule: 'uscc',
      names: 'uscc',
    },
    {
      what: 'IP shares summing to 9999 basis points',
      target: 'registration',
      send: () =>
        staff.decide(
          id('registration'),
          'company',
          company({
            ipShares: { universityBp: 4000, localGovernmentBp: 2000, enterpriseBp: 3999 },
          }),
        ),
      status: 422,
      rule: 'ip-shares-sum',
      names: 'ipShares',
    },
    {
      what: 'an R&D profit share of 10001 basis points',
      target: 'registration',
      send: () =>
        staff.decide(id('registration'), 'company', company({ rdTeamProfitShareBp: 10001 })),
      status: 400,
      names: 'rdTeamProfitShareBp',
    },
    {
      what: 'a negative registered capital',
      target: 'registration',
      send: () =>
        staff.decide(id('registration'), 'company', company({ registeredCapitalFen: -100 })),
      status: 400,
      names: 'registeredCapitalFen',
    },
    {
      what: 'a registration date in the thirteenth month',
      target: 'registration',
      send: () =>
        staff.decide(id('registration'), 'company', company({ registrationDate: '2025-13-01' })),
      status: 422,
      rule: 'calendar-date',
      names: 'registrationDate',
    },
    {
      what: 'a negative contact amount',
      target: 'investment',
      send: () => staff.decide(id('investment'), 'investor-contacts', contact({ amountFen: -1 })),
      status: 400,
      names: 'amountFen',
    },
    {
      what: 'a contact amount as a string',
      target: 'investment',
      send: () =>
        staff.decide(id('investment'), 'investor-contacts', contact({ amountFen: '100' })),
      status: 400,
      names: 'amountFen',
    },
    {
      what: 'a contact date that is not YYYY-MM-DD',
      target: 'investment',
      send: () =>
        staff.decide(id('investment'), 'investor-contacts', contact({ date: '2025/02/28' })),
      status: 400,
      names: 'date',
    },
    {
      what: 'a contact on February 30th',
      target: 'investment',
      send: () =>
        staff.decide(id('investment'), 'investor-contacts', contact({ date: '2025-02-30' })),
      status: 422,
      rule: 'calendar-date',
      names: 'date',
    },
    {
      what: 'a term sheet of zero fen',
      target: 'investment',
      send: () =>
        staff.decide(
          id('investment'),
          'investor-contacts',
          contact({ outcome: 'term_sheet', amountFen: 0 }),
        ),
      status: 422,
      rule: 'commitment-amount',
      names: 'amountFen',
    },
    {
      what: 'an investor kind that does not exist',
      target: 'investment',
      send: () => staff.decide(id('investment'), 'investor-contacts', contact({ kind: 'uncle' })),
      status: 400,
      names: 'kind',
    },
    {
      what: 'a plan version carrying a document record of its own instead of an upload',
      target: 'plan',
      send: () =>
        staff.decide(id('plan'), 'plan-versions', {
          documentId: randomUUID(),
          summaries: d.plan(1).summaries,
          document: d.plan(1).document,
        }),
      status: 400,
      names: 'the server hashes every plan document',
    },
    {
      what: 'a screening outcome that does not exist',
      target: 'application',
      send: () => staff.decide(id('application'), 'screening', { outcome: 'maybe' }),
      status: 400,
      names: 'outcome',
    },
    {
      what: 'a rejection without its reason',
      target: 'application',
      send: () => staff.decide(id('application'), 'screening', { outcome: 'reject' }),
      // Like every other missing required comment: a 400 at the edge (issue 14, point 7).
      status: 400,
      names: 'comment is required',
    },
    {
      what: 'a comment over 2000 characters',
      target: 'application',
      send: () =>
        staff.decide(id('application'), 'screening', {
          outcome: 'accept',
          comment: '评'.repeat(2001),
        }),
      status: 400,
      names: 'comment',
    },
    {
      what: 'a revision request without a comment',
      target: 'plan',
      send: () => mentor.decide(id('plan'), 'plan-review/request-revision', {}),
      status: 400,
      names: 'comment is required',
    },
    {
      what: 'a withdrawal without a reason',
      target: 'application',
      send: () => staff.decide(id('application'), 'withdrawal', {}),
      status: 400,
      names: 'reason',
    },
    {
      what: 'a withdrawal whose reason is blank',
      target: 'application',
      send: () => staff.decide(id('application'), 'withdrawal', { reason: '   ' }),
      status: 400,
      names: 'reason is required',
    },
    {
      what: 'a withdrawal reason over 2000 characters',
      target: 'application',
      send: () => staff.decide(id('application'), 'withdrawal', { reason: 'x'.repeat(2001) }),
      status: 400,
      names: 'reason',
    },
    {
      what: 'a deadline extension giving both working days and seconds',
      target: 'application',
      send: () =>
        staff.decide(id('application'), 'deadline-extensions', {
          action: 'screenApplication',
          byDuration: { workingDays: 1, seconds: 60 },
          ...reason,
        }),
      status: 422,
      rule: 'duration',
      names: 'byDuration',
    },
    {
      what: 'an unknown field in a decision',
      target: 'application',
      send: () =>
        staff.decide(id('application'), 'screening', { outcome: 'accept', priority: 'high' }),
      status: 400,
      names: 'priority',
    },
    {
      what: 'an actor in a decision body',
      target: 'application',
      send: () =>
        staff.decide(id('application'), 'screening', {
          outcome: 'accept',
          actor: { userId: 'u-admin', role: 'admin' },
        }),
      status: 400,
      names: 'actor',
    },
    {
      what: 'a decisionId with spaces',
      target: 'application',
      send: () => staff.decide(id('application'), 'screening', { outcome: 'accept' }, 'not an id'),
      status: 400,
      names: 'decisionId',
    },
    {
      what: 'decisionId in the body and a different Idempotency-Key header',
      target: 'application',
      send: () =>
        staff.post(
          `/projects/${id('application')}/screening`,
          { decisionId: `body-${uniqueSuffix()}`, outcome: 'accept' },
          { 'Idempotency-Key': `header-${uniqueSuffix()}` },
        ),
      status: 400,
      names: 'decisionId',
    },
    {
      what: 'neither a decisionId nor an Idempotency-Key',
      target: 'application',
      send: () => staff.post(`/projects/${id('application')}/screening`, { outcome: 'accept' }),
      status: 400,
      names: 'decisionId',
    },
    {
      what: 'malformed JSON',
      target: 'application',
      send: () =>
        raw()
          .post(`/projects/${id('application')}/screening`)
          .set('Authorization', `Bearer ${staff.user.token}`)
          .set('Content-Type', 'application/json')
          .send('{"decisionId": "x", "outcome": '),
      status: 400,
      names: 'JSON',
    },
    {
      what: 'a body over 256kb',
      target: 'application',
      send: () =>
        raw()
          .post(`/projects/${id('application')}/screening`)
          .set('Authorization', `Bearer ${staff.user.token}`)
          .set('Content-Type', 'application/json')
          .send(
            JSON.stringify({
              decisionId: `big-${uniqueSuffix()}`,
              outcome: 'accept',
              comment: 'x'.repeat(300 * 1024),
            }),
          ),
      status: 413,
      names: 'large',
    },
    {
      what: 'a project that does not exist',
      target: 'application',
      send: () => staff.decide(randomUUID(), 'screening', { outcome: 'accept' }),
      status: 404,
      names: 'not found',
    },
  ];

  it('has at least 40 rows and a workflow-validator refusal for every decision type', () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
    const covered = new Set(table.map((row) => row.decisionType).filter(Boolean));
    expect(DECISION_TYPES.filter((type) => !covered.has(type))).toEqual([]);
  });

  async function newProjectsIn(college: string): Promise<{ projects: number; claims: number }> {
    const counts = await ctx.db.query<{ projects: number; claims: number }>(
      `SELECT (SELECT count(*)::int FROM projects WHERE college = $1) AS projects,
              (SELECT count(*)::int FROM title_claims WHERE college = $1) AS claims`,
      [college],
    );
    return counts.rows[0];
  }

  it.each(table.map((row) => [row.what, row] as const))('%s', async (_what, row) => {
    const before: ProjectFootprint | { projects: number; claims: number } =
      typeof row.target === 'string'
        ? await quiescentFootprint(ctx, staff, id(row.target))
        : await newProjectsIn(row.target.newApplicationCollege());

    const response = await row.send();

    const said = JSON.stringify([
      response.body?.message,
      response.body?.rule,
      response.body?.field,
      response.body?.problems,
    ]);
    expect({ status: response.status, names: said.includes(row.names) }).toEqual({
      status: row.status,
      names: true,
    });
    expect(response.body).toEqual(
      expect.objectContaining({ statusCode: row.status, message: expect.any(String) }),
    );
    if (row.rule) expect(response.body.rule).toBe(row.rule);
    const after =
      typeof row.target === 'string'
        ? await quiescentFootprint(ctx, staff, id(row.target))
        : await newProjectsIn(row.target.newApplicationCollege());
    expect(after).toEqual(before);
  });
});
