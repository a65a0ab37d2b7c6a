import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { sampleApplication } from '../support/fixtures';
import { signIn as apiSignIn } from '../support/test-api';
import { pdfFile } from '../support/plan-document-files';
import { uniqueSuffix, VALID_USCC } from '../support/fixtures';
import { launchChromium } from '../../infra/browser/chromium';
import {
  ConsolePerson,
  decisionForm,
  expectStage,
  fieldError,
  itemError,
} from './support/console-page';
import { ConsoleStack, startConsoleStack } from './support/console-stack';

jest.setTimeout(240_000);

/**
 * The web console against the real stack (API serving the built console, worker, Temporal,
 * PostgreSQL): one project through every stage by three people in three browser contexts,
 * through the UI only. Later suites (i18n, axe, screenshots) read the pages this one leaves.
 */
describe('Console: the whole pipeline in a browser', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let staff: ConsolePerson;
  let mentor: ConsolePerson;
  let reviewer: ConsolePerson;
  let projectPath: string;
  const title = `光学传感孵化 ${uniqueSuffix()}`;
  const college = `光电学院 ${uniqueSuffix()}`;

  beforeAll(async () => {
    stack = await startConsoleStack('console');
    browser = await launchChromium();
    [staff, mentor, reviewer] = await Promise.all([
      ConsolePerson.open(browser, stack.baseUrl),
      ConsolePerson.open(browser, stack.baseUrl),
      ConsolePerson.open(browser, stack.baseUrl),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(() => {
    for (const person of [staff, mentor, reviewer].filter(Boolean)) {
      expect(person.problems.missingTranslations).toEqual([]);
      expect(person.problems.consoleErrors).toEqual([]);
    }
  });

  async function decide(page: Page, decision: string, submit: RegExp): Promise<void> {
    await decisionForm(page, decision).getByRole('button', { name: submit }).click();
    await page.getByText('已提交').first().waitFor();
  }

  /** Presses Tab until `target` has the focus: the keyboard alone, as a person without a mouse. */
  async function tabTo(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
    const seen: string[] = [];
    for (let presses = 0; presses < 100; presses += 1) {
      const focused = await target.evaluate(
        (element: { ownerDocument: { activeElement: unknown } }) =>
          element === element.ownerDocument.activeElement,
      );
      if (focused) return;
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate('document.activeElement?.outerHTML.slice(0, 80) ?? ""'));
    }
    throw new Error(`the keyboard never reached the element; focus went to: ${seen.join('\n')}`);
  }

  async function projectRow(): Promise<{ stage: string; version: number }> {
    const id = projectPath.split('/').pop();
    const { rows } = await stack.ctx.db.query<{ stage: string; version: number }>(
      'SELECT stage, version FROM projects WHERE id = $1',
      [id],
    );
    return rows[0];
  }

  it('takes a project from application to company registration', async () => {
    await Promise.all([
      staff.signIn(stack.staff.username, stack.staff.password),
      mentor.signIn(stack.mentor.username, stack.mentor.password),
      reviewer.signIn(stack.reviewer.username, stack.reviewer.password),
    ]);
    // Each role lands where its work is.
    expect(new URL(staff.page.url()).pathname).toBe('/app/board');
    expect(new URL(mentor.page.url()).pathname).toBe('/app/inbox');

    // Staff submit the application.
    const page = staff.page;
    await page.getByRole('link', { name: '提交申请' }).first().click();
    const application = decisionForm(page, 'application');
    await application.getByLabel('项目名称').fill(title);
    await application.getByLabel('项目简介').fill('基于光学传感的农业机器人。');
    await application.getByLabel('学院').fill(college);
    await application.getByLabel('党支部').fill('光电学院研究生第一党支部');
    await application.getByLabel('领域标签').fill('robotics');
    await application.getByLabel('领域标签').press('Enter');
    await application.getByLabel('申请资金（元）').fill('500000');
    await application.getByLabel('姓名').fill('李明');
    await application.getByLabel('学号/工号').fill('S2026001');
    await application.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/app\/projects\/[0-9a-f-]{36}$/);
    projectPath = new URL(page.url()).pathname.replace('/app', '');
    await expectStage(page, '申请');

    // Screening: accept.
    await decide(page, 'screenApplication', /提交审核结果/);
    await expectStage(page, '导师匹配');

    // Mentor assignment from the explained candidates.
    const assignment = decisionForm(page, 'assignMentor');
    await assignment.waitFor();
    const candidateRow = page.getByRole('row').filter({ hasText: stack.mentor.mentorName });
    // Each score shows its parts.
    await candidateRow.getByText(/专长重合 \d+\/\d+，空余名额 \d+\/\d+/).waitFor();
    await candidateRow.getByLabel(`选择 ${stack.mentor.mentorName}`).check();
    await decide(page, 'assignMentor', /指派所选导师/);
    await page.getByText('接受指导邀请：由导师处理').waitFor();

    // The mentor accepts from the inbox, with the keyboard alone.
    await mentor.page.reload();
    await mentor.page.getByRole('link', { name: title }).click();
    await decisionForm(mentor.page, 'acceptAssignment').waitFor();
    const acceptForm = decisionForm(mentor.page, 'acceptAssignment');
    await tabTo(mentor.page, acceptForm.getByLabel('意见'));
    await mentor.page.keyboard.type('乐意指导。');
    await tabTo(mentor.page, acceptForm.getByRole('button', { name: '接受' }));
    await mentor.page.keyboard.press('Enter');
    await mentor.page.getByText('已提交').first().waitFor();

    // Staff upload the plan; the page shows the server's sha256.
    await page.reload();
    await expectStage(page, '商业计划');
    const plan = pdfFile(50_000);
    await page.locator('input[type=file]').setInputFiles({
      name: '商业计划书.pdf',
      mimeType: 'application/pdf',
      buffer: plan,
    });
    const { createHash } = await import('node:crypto');
    await page
      .getByTestId('uploaded-sha256')
      .filter({ hasText: createHash('sha256').update(plan).digest('hex') })
      .waitFor();
    const planForm = decisionForm(page, 'submitPlanVersion');
    for (const label of ['市场分析', '产品说明', '团队介绍', '财务预测', '知识产权策略']) {
      await planForm.getByLabel(label).fill(`${label}：已完成。`);
    }
    await decide(page, 'submitPlanVersion', /提交计划版本/);

    // The mentor approves it.
    await mentor.goto('/inbox');
    await mentor.page.getByRole('link', { name: title }).click();
    await decisionForm(mentor.page, 'approvePlan').getByLabel('意见').fill('可以对接投资方。');
    await decide(mentor.page, 'approvePlan', /^批准$/);

    // Staff record an investor commitment.
    await page.reload();
    await expectStage(page, '投资对接');
    const contact = decisionForm(page, 'recordInvestorContact');
    await contact.getByLabel('投资方名称').fill('清源创投');
    await contact.getByLabel('结果').click();
    await page.locator('.ant-select-item-option[title="已投资"]').click();
    await contact.getByLabel('金额（元）').fill('1000000');
    await decide(page, 'recordInvestorContact', /记录对接/);

    // Mentor and staff sign off.
    await mentor.page.reload();
    await decide(mentor.page, 'signOffInvestment', /^确认$/);
    await page.reload();
    await decide(page, 'signOffInvestment', /^确认$/);
    await page.reload();
    await expectStage(page, '公司注册');
  });

  it('shows the server refusals next to the fields they name and changes nothing', async () => {
    const page = staff.page;
    const before = await projectRow();
    const company = decisionForm(page, 'recordCompany');
    await company.getByLabel('公司名称').fill('清源光学科技有限公司');
    // Invalid check character: the last one changed.
    await company.getByLabel('统一社会信用代码').fill(`${VALID_USCC.slice(0, 17)}0`);
    for (const [label, value] of [
      ['高校份额', '50'],
      ['地方政府份额', '30'],
      ['企业份额', '20'],
    ]) {
      await company.getByLabel(label).fill(value);
    }
    await company.getByLabel('研发团队利润分成').fill('30');
    await company.getByRole('button', { name: '登记公司' }).click();
    await fieldError(company, '统一社会信用代码')
      .filter({ hasText: '统一社会信用代码无效' })
      .waitFor();
    expect(await projectRow()).toEqual(before);

    // A valid code, but shares of 50% + 30% + 19%.
    await company.getByLabel('统一社会信用代码').fill(VALID_USCC);
    await company.getByLabel('企业份额').fill('19');
    await expect(company.getByTestId('shares-sum').textContent()).resolves.toBe('99%');
    await company.getByRole('button', { name: '登记公司' }).click();
    await itemError(company, 'shares-sum').filter({ hasText: '合计须恰好为 100%' }).waitFor();
    expect(await projectRow()).toEqual(before);
  });

  it('registers the company, approves incubation; a page left open is refused', async () => {
    const page = staff.page;
    const company = decisionForm(page, 'recordCompany');
    await company.getByLabel('企业份额').fill('20');
    await decide(page, 'recordCompany', /登记公司/);

    // Another staff member has the page open on the same step.
    const other = await ConsolePerson.open(browser, stack.baseUrl);
    await other.signIn(stack.staff2.username, stack.staff2.password);
    await other.goto(projectPath);
    await decisionForm(other.page, 'approveIncubation').waitFor();

    await page.reload();
    await decide(page, 'approveIncubation', /批准孵化/);
    await expectStage(page, '已孵化');
    const after = await projectRow();

    await decisionForm(other.page, 'approveIncubation')
      .getByRole('button', { name: '批准孵化' })
      .click();
    await decisionForm(other.page, 'approveIncubation').getByRole('alert').waitFor();
    expect(
      await decisionForm(other.page, 'approveIncubation').getByRole('alert').textContent(),
    ).toMatch(/项目已结束|项目当前阶段不能做此决定|项目状态已变化/);
    expect(await projectRow()).toEqual(after);
    expect(other.problems.missingTranslations).toEqual([]);
    await other.close();
  });

  it('lets the reviewer read every decision with its actor and download the CSV', async () => {
    const page = reviewer.page;
    await reviewer.goto(`${projectPath}/timeline`);
    await page.getByTestId('timeline-entry-decision').first().waitFor();
    const staffName = `Test ${stack.staff.username}`;
    const mentorName = `Test ${stack.mentor.username}`;
    const expected: [string, string][] = [
      ['审核申请', staffName],
      ['指派导师', staffName],
      ['接受指导邀请', mentorName],
      ['提交商业计划', staffName],
      ['评审商业计划', mentorName],
      ['记录投资对接', staffName],
      ['确认投资对接', mentorName],
      ['确认投资对接', staffName],
      ['登记公司', staffName],
      ['批准孵化', staffName],
    ];
    const decisions = page.getByTestId('timeline-entry-decision');
    for (const [action, actor] of expected) {
      await decisions.filter({ hasText: action }).filter({ hasText: actor }).first().waitFor();
    }

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出 CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    const rows = parse<Record<string, string>>(csv, { columns: true, bom: true });
    const decided = rows.filter((row) => Object.values(row).includes('decision'));
    for (const type of [
      'screenApplication',
      'assignMentor',
      'acceptAssignment',
      'approveIncubation',
    ]) {
      expect(decided.some((row) => Object.values(row).includes(type))).toBe(true);
    }
    expect(csv).toContain(staffName);
    expect(csv).toContain(mentorName);
  });

  /** Every main page, by who sees it. */
  function mainPages(): { who: ConsolePerson; name: string; path: string }[] {
    return [
      { who: staff, name: 'board', path: '/board' },
      { who: staff, name: 'new-application', path: '/projects/new' },
      { who: staff, name: 'project', path: openProjectPath },
      { who: staff, name: 'notifications', path: '/notifications' },
      { who: mentor, name: 'mentor-inbox', path: '/inbox' },
      { who: mentor, name: 'mentor-profile', path: '/profile' },
      { who: reviewer, name: 'timeline', path: `${projectPath}/timeline` },
      { who: reviewer, name: 'audit', path: '/audit' },
      { who: admin, name: 'users', path: '/admin/users' },
    ];
  }

  let admin: ConsolePerson;
  let openProjectPath: string;
  const RAW_KEY =
    /\b(common|shell|nav|signIn|roles|stages|status|board|project|decisions?|actions|events|screening|fields|memberRoles|degrees|ipStatus|investorKinds|contactOutcomes|planSummaries|planReview|plan|company|matching|exclusions|application|inbox|notifications|timeline|audit|users|profile|errors|rules)\.[A-Za-z_-]+/;

  async function settle(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'detached' });
  }

  async function switchLanguage(person: ConsolePerson, label: 'English' | '中文'): Promise<void> {
    await person.page.getByRole('combobox', { name: /界面语言|Language/ }).click();
    await person.page.locator(`.ant-select-item-option[title="${label}"]`).click();
  }

  it('shows every page in both languages: no missing or raw key, amounts and dates follow the language', async () => {
    admin = await ConsolePerson.open(browser, stack.baseUrl);
    await admin.signIn(stack.admin.username, stack.admin.password);
    // A second project, left open in its first stage, with an amount on its page.
    const token = await apiSignIn(stack.app, stack.staff);
    const created = await request(stack.app.getHttpServer())
      .post('/projects')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', `console-${uniqueSuffix()}`)
      .send(sampleApplication(uniqueSuffix(), { fundingRequestedFen: 123_456_78 }))
      .expect(201);
    openProjectPath = `/projects/${(created.body as { projectId: string }).projectId}`;

    for (const language of ['zh-CN', 'en'] as const) {
      for (const person of [staff, mentor, reviewer, admin]) {
        await person.goto('/inbox');
        await switchLanguage(person, language === 'en' ? 'English' : '中文');
      }
      for (const { who, name, path } of mainPages()) {
        await who.goto(path);
        await settle(who.page);
        const text = await who.page.locator('body').innerText();
        expect({ language, name, rawKey: RAW_KEY.exec(text)?.[0] ?? null }).toEqual({
          language,
          name,
          rawKey: null,
        });
        expect(await who.page.evaluate('document.documentElement.lang')).toBe(language);
      }
      const amount = staff.page.getByText('¥123,456.78');
      await staff.goto(openProjectPath);
      await amount.waitFor();
      await staff.goto(`${projectPath}/timeline`);
      await settle(staff.page);
      const timelineText = await staff.page.getByTestId('timeline').innerText();
      expect(timelineText).toMatch(
        language === 'en' ? /\d{1,2} [A-Z][a-z]{2} \d{4}/ : /\d{4}年\d{1,2}月\d{1,2}日/,
      );
    }

    // In English, a refusal reads in English, from the rule the server names.
    await staff.goto(openProjectPath);
    const screening = decisionForm(staff.page, 'screenApplication');
    await screening.getByLabel('Return for changes').check();
    await screening.getByRole('button', { name: 'Submit screening' }).click();
    await fieldError(screening, 'Comment').filter({ hasText: 'Comment is required' }).waitFor();

    for (const person of [staff, mentor, reviewer, admin]) {
      await switchLanguage(person, '中文');
      expect(person.problems.missingTranslations).toEqual([]);
    }
  });

  it('finds no critical or serious accessibility violation on any main page (axe, no rule disabled)', async () => {
    const signInPage = await ConsolePerson.open(browser, stack.baseUrl);
    await signInPage.goto('/sign-in');
    const pages = [{ who: signInPage, name: 'sign-in', path: '/sign-in' }, ...mainPages()];
    const found: { page: string; rule: string; impact: string; nodes: string[] }[] = [];
    for (const { who, name, path } of pages) {
      await who.goto(path);
      await settle(who.page);
      const result = await new AxeBuilder({ page: who.page }).analyze();
      for (const violation of result.violations) {
        if (violation.impact === 'critical' || violation.impact === 'serious') {
          found.push({
            page: name,
            rule: violation.id,
            impact: violation.impact,
            nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
          });
        }
      }
    }
    await signInPage.close();
    expect(found).toEqual([]);
  });

  it('writes screenshots of the main pages at 1280 and 390 px wide', async () => {
    const folder = '.data/screenshots';
    mkdirSync(folder, { recursive: true });
    const shots = [
      { who: staff, name: 'board', path: '/board' },
      { who: staff, name: 'project', path: openProjectPath },
      { who: mentor, name: 'mentor-inbox', path: '/inbox' },
      { who: reviewer, name: 'reviewer-timeline', path: `${projectPath}/timeline` },
    ];
    for (const width of [1280, 390]) {
      for (const { who, name, path } of shots) {
        await who.page.setViewportSize({ width, height: 900 });
        await who.goto(path);
        await settle(who.page);
        await who.page.screenshot({ path: `${folder}/${name}-${width}.png`, fullPage: true });
      }
    }
    await admin?.close();
  });
});
