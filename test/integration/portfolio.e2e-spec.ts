import { randomUUID } from 'node:crypto';
import { STAYS_FROM_AUDIT_LOG } from '@app/persistence';
import { shanghaiDate } from '../../apps/api/src/portfolio/portfolio.service';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { HttpAs } from '../support/http-client';
import { IntegrationContext } from '../support/integration-context';
import { bodyOf, SignedInCast, signedInCast } from '../support/signed-in-cast';
import { uploadedPlan } from '../support/plan-uploads';

interface StayRow {
  stage: string;
  entered_at: Date;
  left_at: Date | null;
  next_stage: string | null;
  left_by: string | null;
}

const DAY_MS = 86_400_000;

describe('GET /portfolio: figures from stage stays and project records', () => {
  let ctx: IntegrationContext;
  let staff: HttpAs;
  let staff2: HttpAs;
  let mentor: HttpAs;
  let reviewer: HttpAs;
  let mentorId: string;
  let cast: SignedInCast;

  beforeAll(async () => {
    cast = await signedInCast('portfolio', ['staff', 'staff', 'mentor', 'reviewer']);
    ({ ctx, mentorId } = cast);
    [staff, staff2, mentor, reviewer] = cast.people;
  });
  afterAll(() => cast?.close());

  async function submit(college: string): Promise<string> {
    const created = await staff.post('/projects', sampleApplication(uniqueSuffix(), { college }), {
      'Idempotency-Key': `portfolio-${uniqueSuffix()}`,
    });
    expect(created.status).toBe(201);
    return (created.body as { projectId: string }).projectId;
  }

  async function decideAll(projectId: string, steps: [HttpAs, string, object][]): Promise<void> {
    for (const [who, action, body] of steps) {
      const response = await who.decide(projectId, action, body);
      expect({ action, status: response.status, body: response.body }).toEqual({
        action,
        status: 200,
        body: expect.objectContaining({ accepted: true }),
      });
    }
  }

  const staysOf = async (projectId: string): Promise<StayRow[]> =>
    (
      await ctx.db.query<StayRow>(
        `SELECT stage, entered_at, left_at, next_stage, left_by FROM project_stage_stays
          WHERE project_id = $1 ORDER BY entered_at`,
        [projectId],
      )
    ).rows;

  it('counts what real workflows did, and the backfill gives the stays the live recording gave', async () => {
    const college = `College of Portfolio ${uniqueSuffix()}`;
    const incubated = await submit(college);
    const withdrawn = await submit(college);
    const rejected = await submit(college);
    const toInvestors: [HttpAs, string, object][] = [
      [staff, 'screening', bodyOf(d.accept)],
      [staff, 'mentor-assignment', { mentorId }],
      [mentor, 'mentor-assignment/accept', {}],
      [staff, 'plan-versions', uploadedPlan(1)],
      [mentor, 'plan-review/approve', { comment: 'Go.' }],
    ];
    const contact = (contactId: string, kind: string, outcome: string, amountFen: number) => ({
      ...bodyOf(d.contact(contactId, 'meeting')),
      kind,
      outcome,
      amountFen,
      date: shanghaiDate(new Date()),
    });
    await decideAll(incubated, [
      ...toInvestors,
      [staff, 'investor-contacts', contact('vc-1', 'vc', 'invested', 300_000_000)],
      [staff, 'investor-contacts', contact('angel-1', 'angel', 'term_sheet', 50_000_000)],
      [staff, 'investor-contacts', contact('gov-1', 'government_fund', 'grant', 20_000_000)],
      [staff, 'investor-contacts', contact('ent-1', 'enterprise', 'declined', 0)],
      [mentor, 'investment-sign-offs', {}],
      [staff2, 'investment-sign-offs', {}],
      [staff, 'company', { ...bodyOf(d.company()), registrationDate: shanghaiDate(new Date()) }],
      [staff, 'incubation-approval', {}],
    ]);
    await decideAll(withdrawn, [
      ...toInvestors.slice(0, 3),
      [staff, 'withdrawal', { reason: 'The team dissolved.' }],
    ]);
    await decideAll(rejected, [
      [staff, 'screening', { outcome: 'reject', comment: 'Out of scope.' }],
    ]);

    const stays = await staysOf(incubated);
    expect(stays.map((stay) => [stay.stage, stay.next_stage, stay.left_by])).toEqual([
      ['APPLICATION', 'MENTOR_MATCHING', 'screenApplication'],
      ['MENTOR_MATCHING', 'BUSINESS_PLAN', 'acceptAssignment'],
      ['BUSINESS_PLAN', 'INVESTOR_CONTACT', 'approvePlan'],
      ['INVESTOR_CONTACT', 'COMPANY_REGISTRATION', 'signOffInvestment'],
      ['COMPANY_REGISTRATION', 'INCUBATED', 'approveIncubation'],
    ]);
    // Contiguous: each stay ends when the next begins; the first begins with the project.
    stays.slice(1).forEach((stay, index) => expect(stay.entered_at).toEqual(stays[index].left_at));
    const [row] = (await ctx.db.query('SELECT created_at FROM projects WHERE id = $1', [incubated]))
      .rows as { created_at: Date }[];
    expect(stays[0].entered_at).toEqual(row.created_at);
    expect((await staysOf(withdrawn)).map((stay) => [stay.stage, stay.next_stage])).toEqual([
      ['APPLICATION', 'MENTOR_MATCHING'],
      ['MENTOR_MATCHING', 'BUSINESS_PLAN'],
      ['BUSINESS_PLAN', 'WITHDRAWN'],
    ]);

    // Must show 3: the migration's rebuild from the audit log equals the live rows.
    for (const projectId of [incubated, withdrawn, rejected]) {
      const rebuilt = await ctx.db.query<StayRow & { project_id: string }>(
        `SELECT stage, entered_at, left_at, next_stage, left_by
           FROM (${STAYS_FROM_AUDIT_LOG}) rebuilt WHERE project_id = $1 ORDER BY entered_at`,
        [projectId],
      );
      expect(rebuilt.rows).toEqual(await staysOf(projectId));
    }

    const today = shanghaiDate(new Date());
    const response = await reviewer.get('/portfolio', { college, from: today, to: today });
    expect(response.status).toBe(200);
    const portfolio = response.body;
    expect(portfolio.projectsByStage).toEqual(
      expect.objectContaining({ INCUBATED: 1, WITHDRAWN: 1, REJECTED: 1, APPLICATION: 0 }),
    );
    expect([portfolio.incubated, portfolio.rejected, portfolio.withdrawn]).toEqual([1, 1, 1]);
    expect([portfolio.companiesRegistered, portfolio.jobsCreated]).toEqual([1, 12]);
    expect(portfolio.funding.raisedFen).toBe(300_000_000 + 20_000_000);
    expect(portfolio.funding.committedFen).toBe(50_000_000);
    expect(portfolio.funding.byKind).toEqual([
      { kind: 'vc', raisedFen: 300_000_000, committedFen: 0 },
      { kind: 'angel', raisedFen: 0, committedFen: 50_000_000 },
      { kind: 'enterprise', raisedFen: 0, committedFen: 0 },
      { kind: 'government_fund', raisedFen: 20_000_000, committedFen: 0 },
      { kind: 'innovation_practice_fund', raisedFen: 0, committedFen: 0 },
    ]);
    // Three APPLICATION stays ended today (accepted, accepted, rejected), two MENTOR_MATCHING...
    const ended = Object.fromEntries(
      (portfolio.stageTimes as { stage: string; staysEnded: number }[]).map((t) => [
        t.stage,
        t.staysEnded,
      ]),
    );
    expect(ended).toEqual({
      APPLICATION: 3,
      MENTOR_MATCHING: 2,
      BUSINESS_PLAN: 2,
      INVESTOR_CONTACT: 1,
      COMPANY_REGISTRATION: 1,
    });
    expect(portfolio.incubatedCompanies).toEqual([
      expect.objectContaining({ projectId: incubated, jobsCreated: 12 }),
    ]);
    expect(portfolio.mentorLoad).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mentorId, capacity: 1000, activeProjects: 0 }),
      ]),
    );

    const csv = await staff.get('/portfolio', { college, from: today, to: today, format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe('section,item,measure,value');
    expect(csv.text).toContain('funding,vc,raisedFen,300000000');
    expect(csv.text).toContain('outcomes,INCUBATED,projects,1');
  });

  /** Projects of one college with stays of chosen durations, as SQL rows. */
  async function insertStays(
    college: string,
    stays: { stage: string; enteredAt: Date; leftAt: Date | null; current: string }[],
  ): Promise<void> {
    for (const stay of stays) {
      const projectId = randomUUID();
      await ctx.db.query(
        `INSERT INTO projects (id, workflow_id, title, college, stage, status, version,
           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'ACTIVE', 1, $6, $6)`,
        [
          projectId,
          `portfolio-sql-${projectId}`,
          `Stay ${projectId}`,
          college,
          stay.current,
          stay.enteredAt,
        ],
      );
      await ctx.db.query(
        `INSERT INTO project_stage_stays (project_id, stage, entered_at, left_at, next_stage, left_by)
         VALUES ($1, $2, $3, $4, $5, 'test')`,
        [projectId, stay.stage, stay.enteredAt, stay.leftAt, stay.leftAt ? 'NEXT' : null],
      );
    }
  }

  it('computes medians, 90th percentiles and the bottleneck, a tie going to the fuller stage', async () => {
    const college = `College of Stays ${uniqueSuffix()}`;
    const end = new Date('2026-03-20T04:00:00Z');
    const ended = (stage: string, days: number, current = 'INCUBATED') => ({
      stage,
      enteredAt: new Date(end.getTime() - days * DAY_MS),
      leftAt: end,
      current,
    });
    await insertStays(college, [
      // BUSINESS_PLAN: 1, 2, 3, 4 days → median 2.5, p90 = 3 + 0.7 × (4 − 3) = 3.7
      ended('BUSINESS_PLAN', 1),
      ended('BUSINESS_PLAN', 2),
      ended('BUSINESS_PLAN', 3),
      ended('BUSINESS_PLAN', 4),
      // MENTOR_MATCHING: six hours and 2.5 and 4.75 days → median 2.5, ties with BUSINESS_PLAN
      ended('MENTOR_MATCHING', 0.25),
      ended('MENTOR_MATCHING', 2.5),
      ended('MENTOR_MATCHING', 4.75),
      // One more project waits in MENTOR_MATCHING now than in BUSINESS_PLAN.
      { stage: 'MENTOR_MATCHING', enteredAt: end, leftAt: null, current: 'MENTOR_MATCHING' },
      { stage: 'MENTOR_MATCHING', enteredAt: end, leftAt: null, current: 'MENTOR_MATCHING' },
      { stage: 'BUSINESS_PLAN', enteredAt: end, leftAt: null, current: 'BUSINESS_PLAN' },
    ]);
    const response = await reviewer.get('/portfolio', {
      college,
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(response.status).toBe(200);
    const times = Object.fromEntries(
      (response.body.stageTimes as { stage: string }[]).map((t) => [t.stage, t]),
    );
    expect(times.BUSINESS_PLAN).toEqual({
      stage: 'BUSINESS_PLAN',
      staysEnded: 4,
      medianDays: 2.5,
      p90Days: expect.closeTo(3.7, 10),
    });
    expect(times.MENTOR_MATCHING).toEqual({
      stage: 'MENTOR_MATCHING',
      staysEnded: 3,
      medianDays: 2.5,
      p90Days: expect.closeTo(2.5 + 0.8 * (4.75 - 2.5), 10),
    });
    expect(response.body.bottleneck).toEqual({
      stage: 'MENTOR_MATCHING',
      medianDays: 2.5,
      projectsInStage: 2,
    });
    const open = Object.fromEntries(
      (response.body.openStays as { stage: string; openStays: number }[]).map((o) => [
        o.stage,
        o.openStays,
      ]),
    );
    expect(open).toEqual(expect.objectContaining({ MENTOR_MATCHING: 2, BUSINESS_PLAN: 1 }));
  });

  it('counts a stay ending at 23:59:59 Asia/Shanghai in the day, one at 00:00:00 in the next', async () => {
    const college = `College of Boundaries ${uniqueSuffix()}`;
    const entered = new Date('2026-03-30T00:00:00+08:00');
    await insertStays(college, [
      {
        stage: 'APPLICATION',
        enteredAt: entered,
        leftAt: new Date('2026-03-31T23:59:59+08:00'),
        current: 'MENTOR_MATCHING',
      },
      {
        stage: 'APPLICATION',
        enteredAt: entered,
        leftAt: new Date('2026-04-01T00:00:00+08:00'),
        current: 'MENTOR_MATCHING',
      },
    ]);
    const endedIn = async (from: string, to: string): Promise<number> => {
      const response = await reviewer.get('/portfolio', { college, from, to });
      expect(response.status).toBe(200);
      return (response.body.stageTimes as { stage: string; staysEnded: number }[]).find(
        (t) => t.stage === 'APPLICATION',
      )!.staysEnded;
    };
    expect(await endedIn('2026-03-01', '2026-03-31')).toBe(1);
    expect(await endedIn('2026-04-01', '2026-04-30')).toBe(1);
    expect(await endedIn('2026-03-31', '2026-04-01')).toBe(2);
    expect(await endedIn('2026-03-01', '2026-03-30')).toBe(0);
  });

  it('refuses a bad period naming the field (a reversed one is a 422), and mentors with a 403', async () => {
    const bad = await reviewer.get('/portfolio', { from: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from must be a calendar date');
    const reversed = await reviewer.get('/portfolio', { from: '2026-05-01', to: '2026-04-01' });
    expect(reversed.status).toBe(422);
    expect(reversed.body).toMatchObject({ rule: 'period-order', field: 'from' });
    expect(JSON.stringify(reversed.body)).toContain('from must not be after to');
    expect((await mentor.get('/portfolio')).status).toBe(403);
  });
});
