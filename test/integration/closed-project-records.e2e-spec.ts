import { WorkflowNotFoundError } from '@temporalio/client';
import { backfillProjectRecords } from '@app/persistence';
import { projectWorkflowId } from '@app/workflows/public-api';
import { ArchiveSweeper } from '../../apps/worker/src/archive/archive-sweeper.service';
import { eventually } from '../support/eventually';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { HttpAs } from '../support/http-client';
import { IntegrationContext } from '../support/integration-context';
import { bodyOf, SignedInCast, signedInCast } from '../support/signed-in-cast';
import { uploadedPlan } from '../support/plan-uploads';

interface OpenView {
  state: {
    application: unknown;
    plan: { versions: unknown[] };
    investorContacts: unknown[];
    company?: unknown;
  };
}

describe('HTTP: a closed project keeps its record', () => {
  let ctx: IntegrationContext;
  let staff: HttpAs;
  let staff2: HttpAs;
  let mentor: HttpAs;
  let reviewer: HttpAs;
  let mentorId: string;
  let cast: SignedInCast;

  beforeAll(async () => {
    cast = await signedInCast('closed-records', ['staff', 'staff', 'mentor', 'reviewer']);
    ({ ctx, mentorId } = cast);
    [staff, staff2, mentor, reviewer] = cast.people;
  });
  afterAll(() => cast?.close());

  it('answers the same application, plan versions, contacts and company after INCUBATED, also once Temporal deleted the history', async () => {
    const created = await staff.post('/projects', sampleApplication(uniqueSuffix()), {
      'Idempotency-Key': `records-${uniqueSuffix()}`,
    });
    expect(created.status).toBe(201);
    const { projectId } = created.body as { projectId: string };

    const steps: [HttpAs, string, object][] = [
      [staff, 'screening', bodyOf(d.accept)],
      [staff, 'mentor-assignment', { mentorId }],
      [mentor, 'mentor-assignment/accept', {}],
      [staff, 'plan-versions', uploadedPlan(1)],
      [mentor, 'plan-review/request-revision', { comment: '财务预测需要更细。' }],
      [staff, 'plan-versions', uploadedPlan(2)],
      [mentor, 'plan-review/approve', { comment: 'Ready for investors.' }],
      [staff, 'investor-contacts', bodyOf(d.contact('c-1', 'meeting'))],
      [staff, 'investor-contacts', bodyOf(d.contact('c-2', 'invested'))],
      [
        staff,
        'investor-contacts/amendments',
        { ...bodyOf(d.contact('c-1', 'grant')), reason: 'The meeting ended in a grant.' },
      ],
      [mentor, 'investment-sign-offs', {}],
      [staff2, 'investment-sign-offs', {}],
      [staff, 'company', bodyOf(d.company())],
      [
        staff,
        'company/amendments',
        { ...bodyOf(d.company({ jobsCreated: 15 })), reason: 'Three more hires.' },
      ],
    ];
    for (const [who, action, body] of steps) {
      const response = await who.decide(projectId, action, body);
      expect({ action, status: response.status }).toEqual({ action, status: 200 });
    }

    const open = await reviewer.get(`/projects/${projectId}`);
    expect(open.status).toBe(200);
    const { state } = open.body as OpenView;
    expect(state.plan.versions).toHaveLength(2);
    expect(state.investorContacts).toHaveLength(2);
    const whileOpen = {
      application: state.application,
      planVersions: state.plan.versions,
      investorContacts: state.investorContacts,
      company: state.company,
    };
    expect(open.body.records).toEqual(whileOpen);

    const approved = await staff.decide(projectId, 'incubation-approval', { comment: '欢迎。' });
    expect(approved.body).toEqual(expect.objectContaining({ stage: 'INCUBATED' }));
    const handle = ctx.client.workflow.getHandle(projectWorkflowId(projectId));
    await handle.result();

    const closed = await reviewer.get(`/projects/${projectId}`);
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual(expect.objectContaining({ stage: 'INCUBATED', scope: 'full' }));
    expect(closed.body.records).toEqual(whileOpen);

    expect(closed.body.recordsSource).toBe('workflow');

    // Retention ends: the sweeper archived the run, Temporal forgets it; the record stays.
    await ctx.worker.app
      .get(ArchiveSweeper)
      .sweepOnce({ workflowId: projectWorkflowId(projectId) });
    const { runId } = await handle.describe();
    const deleteRun = (): Promise<unknown> =>
      ctx.client.workflowService.deleteWorkflowExecution({
        namespace: ctx.config.TEMPORAL_NAMESPACE,
        workflowExecution: { workflowId: projectWorkflowId(projectId), runId },
      });
    await deleteRun();
    await eventually(async () => {
      const gone = await handle.describe().then(
        () => false,
        (error: unknown) => error instanceof WorkflowNotFoundError,
      );
      if (!gone) await deleteRun().catch(() => undefined);
      expect(gone).toBe(true);
    }, 60_000);

    const afterDeletion = await reviewer.get(`/projects/${projectId}`);
    expect(afterDeletion.status).toBe(200);
    expect(afterDeletion.body.records).toEqual(whileOpen);
    // The assigned mentor still reads their project whole.
    const asMentor = await mentor.get(`/projects/${projectId}`);
    expect(asMentor.body.records).toEqual(whileOpen);
  });

  it('backfills a project recorded before records were kept from its archived run, exactly', async () => {
    const [{ id: projectId }] = (
      await ctx.db.query(
        `SELECT p.id FROM projects p JOIN workflow_run_archives w ON w.project_id = p.id
          WHERE p.stage = 'INCUBATED' AND p.workflow_id LIKE 'project-%'
          ORDER BY p.created_at DESC LIMIT 1`,
      )
    ).rows as { id: string }[];
    const before = (await reviewer.get(`/projects/${projectId}`)).body.records as unknown;
    expect(before).toEqual(expect.objectContaining({ planVersions: expect.any(Array) }));
    // As the migration finds a project of the previous release: a read model, no records.
    await ctx.db.query('DELETE FROM project_applications WHERE project_id = $1', [projectId]);
    await ctx.db.query('DELETE FROM project_plan_versions WHERE project_id = $1', [projectId]);
    await ctx.db.query('DELETE FROM project_investor_contacts WHERE project_id = $1', [projectId]);
    await ctx.db.query('DELETE FROM project_companies WHERE project_id = $1', [projectId]);
    expect((await reviewer.get(`/projects/${projectId}`)).body.records).toBeNull();

    expect(await backfillProjectRecords(ctx.dataSource.manager)).toBeGreaterThanOrEqual(1);
    const after = await reviewer.get(`/projects/${projectId}`);
    expect(after.body.recordsSource).toBe('archive');
    expect(after.body.records).toEqual(before);
  });
});
