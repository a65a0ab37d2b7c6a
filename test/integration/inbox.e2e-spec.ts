import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { eventually } from '../support/eventually';
import { d } from '../support/fixtures';
import { bodyOf, decideOk, submitProject } from '../support/api-projects';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';
import { uploadedPlan } from '../support/plan-uploads';

interface InboxItem {
  projectId: string;
  action: string;
  waitingFor: 'you' | 'mentor';
  dueAt: string | null;
  secondsLeft: number | null;
  overdue: boolean;
  urgency: 'overdue' | 'due' | 'flagged' | 'open';
  needsAttention: boolean;
}

interface InboxPage {
  items: InboxItem[];
  page: number;
  pageSize: number;
  total: number;
}

const URGENCY_ORDER = ['overdue', 'due', 'flagged', 'open'];

describe('HTTP: GET /me/inbox, what the caller must act on now', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let staff2: HttpAs;
  let mentor: HttpAs;
  let reviewer: HttpAs;
  let mentorId: string;

  async function inboxOf(who: HttpAs, query: Record<string, string> = {}): Promise<InboxPage> {
    const response = await who.get('/me/inbox', query);
    expect(response.status).toBe(200);
    return response.body as InboxPage;
  }

  /** Every page of a (staff) inbox, which the shared database fills with other suites' projects. */
  async function wholeInbox(who: HttpAs): Promise<InboxItem[]> {
    const items: InboxItem[] = [];
    for (let page = 1; ; page += 1) {
      const body = await inboxOf(who, { page: String(page), pageSize: '100' });
      items.push(...body.items);
      if (items.length >= body.total || body.items.length === 0) return items;
    }
  }

  beforeAll(async () => {
    ctx = await openIntegrationContext('inbox', {
      INCUBATION_POLICY: '{"screeningLimit":{"seconds":3}}',
    });
    app = await bootApi(ctx.config);
    mentorId = await createRoomyMentor(ctx.db);
    [staff, staff2, mentor, reviewer] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
      signedInUser(app, ctx.db, 'reviewer'),
    ]);
  });

  afterAll(async () => {
    const users = [staff, staff2, mentor, reviewer].filter(Boolean).map((u) => u.user.id);
    await ctx?.db.query('UPDATE users SET active = false WHERE id = ANY($1::uuid[])', [users]);
    await ctx?.db.query('UPDATE mentors SET active = false WHERE id = $1', [mentorId]);
    await app?.close();
    await ctx?.close();
  });

  it("lists exactly the mentor's proposal, then the plan review, then the sign-off, as the project moves", async () => {
    const { projectId } = await submitProject(staff);
    const mentorsActions = async () =>
      (await inboxOf(mentor)).items.map(({ projectId: id, action, waitingFor }) => ({
        projectId: id,
        action,
        waitingFor,
      }));
    const seen: { action: string }[][] = [];
    expect(await mentorsActions()).toEqual([]);

    await decideOk(staff, projectId, 'screening', bodyOf(d.accept));
    expect(await mentorsActions()).toEqual([]);
    await decideOk(staff, projectId, 'mentor-assignment', { mentorId });
    seen.push(await mentorsActions());
    // The acceptance's due time is set by the workflow just after the assignment (a system event).
    const proposal = await eventually(async () => {
      const item = (await inboxOf(mentor)).items[0];
      expect(item.dueAt).not.toBeNull();
      return item;
    });
    expect(proposal.secondsLeft).toBeGreaterThan(0);
    expect(proposal.urgency).toBe('due');

    await decideOk(mentor, projectId, 'mentor-assignment/accept', {});
    expect(await mentorsActions()).toEqual([]);
    await decideOk(staff, projectId, 'plan-versions', uploadedPlan(1));
    seen.push(await mentorsActions());
    await decideOk(mentor, projectId, 'plan-review/approve', {});
    expect(await mentorsActions()).toEqual([]);
    await decideOk(staff, projectId, 'investor-contacts', bodyOf(d.contact('c-1', 'invested')));
    seen.push(await mentorsActions());
    await decideOk(mentor, projectId, 'investment-sign-offs', {});
    expect(await mentorsActions()).toEqual([]);

    expect(seen).toEqual([
      [{ projectId, action: 'acceptAssignment', waitingFor: 'you' }],
      [{ projectId, action: 'approvePlan', waitingFor: 'you' }],
      [{ projectId, action: 'signOffInvestment', waitingFor: 'you' }],
    ]);

    // Staff still owe their own sign-off: it is in every staff inbox.
    const staffItems = await wholeInbox(staff2);
    expect(staffItems).toContainEqual(
      expect.objectContaining({ projectId, action: 'signOffInvestment', waitingFor: 'you' }),
    );
  });

  it('shows staff a project overdue once its screening limit passed, ahead of what is merely due', async () => {
    const { projectId } = await submitProject(staff);
    // The workflow sets the screening's due time just after the submission (a system event).
    const before = await eventually(async () => {
      const item = (await wholeInbox(staff)).find((entry) => entry.projectId === projectId);
      expect(item).toEqual(
        expect.objectContaining({ action: 'screenApplication', urgency: 'due', overdue: false }),
      );
      return item;
    });
    expect(before?.secondsLeft).toBeLessThanOrEqual(3);

    await sleep(3_500);
    const items = await wholeInbox(staff);
    const index = items.findIndex((item) => item.projectId === projectId);
    expect(items[index]).toEqual(
      expect.objectContaining({
        action: 'screenApplication',
        waitingFor: 'you',
        urgency: 'overdue',
        overdue: true,
      }),
    );
    expect(items[index].secondsLeft).toBeLessThan(0);
    // Sorted by urgency: overdue first, then due (soonest first), then flagged, then the rest.
    const ranks = items.map((item) => URGENCY_ORDER.indexOf(item.urgency));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const due = items.filter((item) => item.urgency === 'due').map((item) => item.dueAt ?? '');
    expect(due).toEqual([...due].sort());
    expect(items.slice(0, index).every((item) => item.overdue)).toBe(true);

    // The mentor has nothing to do with it; a reviewer decides nothing.
    expect((await inboxOf(mentor)).items.map((item) => item.projectId)).not.toContain(projectId);
    expect(await inboxOf(reviewer)).toEqual(expect.objectContaining({ items: [], total: 0 }));
  });

  it('pages the inbox', async () => {
    const first = await inboxOf(staff, { pageSize: '1' });
    expect(first.items.length).toBeLessThanOrEqual(1);
    expect(first.total).toBeGreaterThanOrEqual(1);
    const second = await inboxOf(staff, { pageSize: '1', page: '2' });
    expect(second.page).toBe(2);
    const bad = await staff.get('/me/inbox', { pageSize: '1000' });
    expect(bad.status).toBe(400);
  });
});
