import { randomInt, randomUUID } from 'node:crypto';
import { projectWorkflowId } from '@app/workflows/public-api';
import { PracticeFundDrawActivities } from '../../apps/worker/src/activities/practice-fund.activities';
import { recordHistoryFixture } from '../support/history-fixtures';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { HttpAs } from '../support/http-client';
import { IntegrationContext } from '../support/integration-context';
import { bodyOf, SignedInCast, signedInCast } from '../support/signed-in-cast';
import { uploadedPlan } from '../support/plan-uploads';

describe('the innovation practice fund', () => {
  let ctx: IntegrationContext;
  let admin: HttpAs;
  let staff: HttpAs;
  let mentor: HttpAs;
  let reviewer: HttpAs;
  let mentorId: string;
  // A year of its own, so other suites' contacts never share this budget.
  const year = 2100 + randomInt(800);

  let cast: SignedInCast;

  beforeAll(async () => {
    cast = await signedInCast('practice-fund', ['admin', 'staff', 'mentor', 'reviewer']);
    ({ ctx, mentorId } = cast);
    [admin, staff, mentor, reviewer] = cast.people;
  });
  afterAll(() => cast?.close());

  const fundContact = (contactId: string, outcome: string, amountFen: number) => ({
    ...bodyOf(d.contact(contactId, 'meeting')),
    investorName: '创新实践基金',
    kind: 'innovation_practice_fund',
    outcome,
    amountFen,
    date: `${year}-06-30`,
  });

  it('draws grants on the year budget, refuses an overdraft and a budget below what was granted', async () => {
    const set = await admin.put(`/admin/practice-fund/budgets/${year}`, { budgetFen: 1_000_000 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual(
      expect.objectContaining({ year, budgetFen: 1_000_000, grantedFen: 0 }),
    );

    const created = await staff.post('/projects', sampleApplication(uniqueSuffix()), {
      'Idempotency-Key': `fund-${uniqueSuffix()}`,
    });
    const { projectId } = created.body as { projectId: string };
    const steps: [HttpAs, string, object][] = [
      [staff, 'screening', bodyOf(d.accept)],
      [staff, 'mentor-assignment', { mentorId }],
      [mentor, 'mentor-assignment/accept', {}],
      [staff, 'plan-versions', uploadedPlan(1)],
      [mentor, 'plan-review/approve', { comment: 'Go.' }],
      [staff, 'investor-contacts', fundContact('fund-1', 'grant', 600_000)],
      [staff, 'investor-contacts', fundContact('fund-ts', 'term_sheet', 900_000)],
    ];
    for (const [who, action, body] of steps) {
      const response = await who.decide(projectId, action, body);
      expect({ action, status: response.status }).toEqual({ action, status: 200 });
    }

    const overdraftId = randomUUID();
    const overdraft = await staff.decide(
      projectId,
      'investor-contacts',
      fundContact('fund-2', 'grant', 500_000),
      overdraftId,
    );
    expect(overdraft.status).toBe(422);
    expect(overdraft.body).toEqual(
      expect.objectContaining({ rule: 'practice-fund-budget-exceeded', field: 'amountFen' }),
    );
    // Recorded like a result: the same decisionId gets the same refusal again.
    const repeated = await staff.decide(
      projectId,
      'investor-contacts',
      fundContact('fund-2', 'grant', 500_000),
      overdraftId,
    );
    expect([repeated.status, repeated.body.rule]).toEqual([422, 'practice-fund-budget-exceeded']);

    // An amended contact replaces its amount; then the same grant fits.
    const amended = await staff.decide(projectId, 'investor-contacts/amendments', {
      ...fundContact('fund-1', 'grant', 300_000),
      reason: 'The grant was halved.',
    });
    expect(amended.status).toBe(200);
    const fits = await staff.decide(
      projectId,
      'investor-contacts',
      fundContact('fund-2', 'grant', 500_000),
    );
    expect(fits.status).toBe(200);

    const fund = await reviewer.get('/portfolio/practice-fund', { year: String(year) });
    expect(fund.status).toBe(200);
    expect(fund.body).toEqual({
      year,
      budgetFen: 1_000_000,
      grantedFen: 800_000,
      remainingFen: 200_000,
      projects: [expect.objectContaining({ projectId, grantedFen: 800_000 })],
    });

    const tooLow = await admin.put(`/admin/practice-fund/budgets/${year}`, { budgetFen: 799_999 });
    expect(tooLow.status).toBe(422);
    expect(tooLow.body).toEqual(
      expect.objectContaining({ rule: 'budget-below-granted', field: 'budgetFen' }),
    );
    const lowered = await admin.put(`/admin/practice-fund/budgets/${year}`, { budgetFen: 800_000 });
    expect(lowered.body).toEqual(expect.objectContaining({ budgetFen: 800_000, remainingFen: 0 }));
    const audited = await ctx.db.query(
      `SELECT payload FROM audit_events WHERE kind = 'admin' AND event_type = 'fundBudgetSet'
          AND payload->'target'->>'id' = $1 ORDER BY seq`,
      [String(year)],
    );
    expect(
      audited.rows.map((row: { payload: { budgetFen: number } }) => row.payload.budgetFen),
    ).toEqual([1_000_000, 800_000]);
    expect((await staff.put(`/admin/practice-fund/budgets/${year}`, { budgetFen: 1 })).status).toBe(
      403,
    );

    // Money granted stays spent when the project is withdrawn.
    const withdrawn = await staff.decide(projectId, 'withdrawal', {
      reason: 'The team dissolved.',
    });
    expect(withdrawn.status).toBe(200);
    const handle = ctx.client.workflow.getHandle(projectWorkflowId(projectId));
    await handle.result();
    const after = await reviewer.get('/portfolio/practice-fund', { year: String(year) });
    expect(after.body.grantedFen).toBe(800_000);
    await recordHistoryFixture(handle, 'practice-fund-grants-and-overdraft');
  });

  it('keeps remaining = budget − granted under concurrent grants (no lost update)', async () => {
    const concurrentYear = year === 2999 ? 2998 : year + 1;
    expect(
      (await admin.put(`/admin/practice-fund/budgets/${concurrentYear}`, { budgetFen: 500_000 }))
        .status,
    ).toBe(200);
    const projectIds = Array.from({ length: 12 }, () => randomUUID());
    for (const id of projectIds) {
      await ctx.db.query(
        `INSERT INTO projects (id, workflow_id, title, college, stage, status, version,
           created_at, updated_at)
         VALUES ($1, $2, $3, 'Fund College', 'INVESTOR_CONTACT', 'ACTIVE', 1, now(), now())`,
        [id, `fund-concurrency-${id}`, `Fund ${id}`],
      );
    }
    const activities = ctx.worker.app.get(PracticeFundDrawActivities);
    const answers = await Promise.all(
      projectIds.map((projectId) =>
        activities.drawFromPracticeFund({
          projectId,
          contactId: 'grant',
          draw: { year: concurrentYear, amountFen: 100_000 },
          checkBudget: true,
        }),
      ),
    );
    expect(answers.filter((answer) => answer.drawn)).toHaveLength(5);
    const fund = await reviewer.get('/portfolio/practice-fund', { year: String(concurrentYear) });
    expect(fund.body).toEqual(
      expect.objectContaining({ budgetFen: 500_000, grantedFen: 500_000, remainingFen: 0 }),
    );
    expect(fund.body.projects).toHaveLength(5);
  });
});
