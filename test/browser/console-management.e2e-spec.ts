import { setTimeout as sleep } from 'node:timers/promises';
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import request from 'supertest';
import type { Browser, Page, Response } from 'playwright-core';
import { sampleApplication, uniqueSuffix } from '../support/fixtures';
import { signIn as apiSignIn } from '../support/test-api';
import { launchChromium } from '../../infra/browser/chromium';
import { ConsolePerson, fieldError } from './support/console-page';
import { ConsoleStack, startConsoleStack } from './support/console-stack';

jest.setTimeout(240_000);

/** The board's pages hold 20 projects; a column past one page needs the separate counts. */
const PAGE_SIZE = 20;
const MORE_THAN_A_PAGE = PAGE_SIZE + 3;

const RAW_KEY =
  /\b(common|shell|nav|board|stages|mentors|calendar|dashboard|investorKinds|profile|errors|rules)\.[A-Za-z_-]+/;

/**
 * The console's keeping pages against the real stack: staff keep mentors, admins the
 * working-day calendar, the board counts a column past its first page, reviewers read the
 * portfolio dashboard and its funder report. Both languages, axe, and screenshots.
 */
describe('Console: mentors, working days, board counts and the portfolio dashboard', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let staff: ConsolePerson;
  let admin: ConsolePerson;
  let reviewer: ConsolePerson;
  const college = `计数学院 ${uniqueSuffix()}`;
  const mentorName = `周导师 ${uniqueSuffix()}`;

  beforeAll(async () => {
    stack = await startConsoleStack('console-management');
    browser = await launchChromium();
    [staff, admin, reviewer] = await Promise.all([
      ConsolePerson.open(browser, stack.baseUrl),
      ConsolePerson.open(browser, stack.baseUrl),
      ConsolePerson.open(browser, stack.baseUrl),
    ]);
    // A server error names its request, so a failure says which one.
    for (const person of [staff, admin, reviewer]) {
      person.page.on('response', (response) => {
        if (response.status() >= 500) {
          person.problems.consoleErrors.push(`${response.status()} ${response.url()}`);
        }
      });
    }
    // One after another: each lands on the board, which asks for its five columns at once.
    await staff.signIn(stack.staff.username, stack.staff.password);
    await admin.signIn(stack.admin.username, stack.admin.password);
    await reviewer.signIn(stack.reviewer.username, stack.reviewer.password);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(() => {
    for (const person of [staff, admin, reviewer].filter(Boolean)) {
      expect(person.problems.missingTranslations).toEqual([]);
      expect(person.problems.consoleErrors).toEqual([]);
    }
  });

  async function settle(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'detached' });
  }

  async function mentorRow(name: string) {
    const { rows } = await stack.ctx.db.query<{
      capacity: number;
      active: boolean;
      expertise_tags: string[];
      declared_conflicts: string[];
    }>('SELECT capacity, active, expertise_tags, declared_conflicts FROM mentors WHERE name = $1', [
      name,
    ]);
    return rows;
  }

  it('lets staff add a mentor, change capacity, expertise and conflicts, and deactivate them', async () => {
    const page = staff.page;
    await staff.goto('/mentors');
    const create = page.getByTestId('form-createMentor');
    await create.getByLabel('姓名').fill(mentorName);
    await create.getByLabel('单位').fill('光电研究院');
    await create.getByLabel(/^容量/).fill('2');
    await create.getByLabel('专业领域').fill('robotics');
    await create.getByLabel('专业领域').press('Enter');
    await create.getByRole('button', { name: '添加导师' }).click();
    const row = page.getByRole('row').filter({ hasText: mentorName });
    await row.getByText('在指导 0 个 / 共 2 个名额').waitFor();
    expect(await mentorRow(mentorName)).toEqual([
      { capacity: 2, active: true, expertise_tags: ['robotics'], declared_conflicts: [] },
    ]);

    // A capacity past the API's limit is refused next to the field, and nothing changes.
    await row.getByRole('button', { name: `编辑 ${mentorName}` }).click();
    const edit = page.getByTestId('form-updateMentor');
    await edit.getByLabel(/^容量/).fill('5000');
    await page.getByRole('button', { name: '保存' }).click();
    await fieldError(edit, /^容量/)
      .filter({ hasText: /capacity/ })
      .waitFor();
    expect((await mentorRow(mentorName))[0].capacity).toBe(2);

    await edit.getByLabel(/^容量/).fill('4');
    await edit.getByLabel('申报的利益冲突').fill('星光科技有限公司');
    await edit.getByLabel('申报的利益冲突').press('Enter');
    await page.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('在指导 0 个 / 共 4 个名额').waitFor();
    await row.getByText('星光科技有限公司').waitFor();
    expect(await mentorRow(mentorName)).toEqual([
      {
        capacity: 4,
        active: true,
        expertise_tags: ['robotics'],
        declared_conflicts: ['星光科技有限公司'],
      },
    ]);

    await row.getByRole('button', { name: `停用 ${mentorName}` }).click();
    await row.waitFor({ state: 'detached' });
    expect((await mentorRow(mentorName))[0].active).toBe(false);
    await page.getByRole('combobox', { name: '显示' }).click();
    await page.locator('.ant-select-item-option[title="已停用"]').click();
    await row.getByText('已停用').waitFor();
    await row.getByRole('button', { name: `恢复 ${mentorName}` }).waitFor();
  });

  it('lets an admin add and remove a working-day override; an impossible date is refused at its field', async () => {
    const page = admin.page;
    await admin.goto('/calendar');
    const form = page.getByTestId('form-setCalendarOverride');
    await form.getByLabel('日期').fill('2031-02-30');
    await form.getByLabel('说明').fill('2031 年春节（国务院通知）');
    await form.getByRole('button', { name: '保存更正' }).click();
    await fieldError(form, '日期').filter({ hasText: '日期须为有效日期' }).waitFor();
    const none = await stack.ctx.db.query(
      "SELECT 1 FROM calendar_overrides WHERE note LIKE '2031%'",
    );
    expect(none.rows).toEqual([]);

    await form.getByLabel('日期').fill('2031-02-03');
    await form.getByRole('button', { name: '保存更正' }).click();
    const table = page.getByTestId('calendar-overrides');
    const row = table.getByRole('row').filter({ hasText: '2031-02-03' });
    await row.getByText('假日（不上班）').waitFor();
    const saved = await stack.ctx.db.query<{ kind: string; note: string }>(
      "SELECT kind, note FROM calendar_overrides WHERE date = '2031-02-03'",
    );
    expect(saved.rows).toEqual([{ kind: 'holiday', note: '2031 年春节（国务院通知）' }]);

    // Staff read the calendar but do not change it.
    await staff.goto('/calendar');
    await staff.page.getByLabel('年份').fill('2031');
    await staff.page.getByTestId('calendar-overrides').getByText('2031-02-03').waitFor();
    expect(await staff.page.getByRole('button', { name: '删除 2031-02-03' }).count()).toBe(0);

    await row.getByRole('button', { name: '删除 2031-02-03' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await row.waitFor({ state: 'detached' });
    const gone = await stack.ctx.db.query(
      "SELECT 1 FROM calendar_overrides WHERE date = '2031-02-03'",
    );
    expect(gone.rows).toEqual([]);
  });

  it('counts a board column past its first page, with the board filters', async () => {
    const token = await apiSignIn(stack.app, stack.staff);
    for (let i = 0; i < MORE_THAN_A_PAGE; i += 1) {
      await request(stack.app.getHttpServer())
        .post('/projects')
        .set('Authorization', `Bearer ${token}`)
        .set('Idempotency-Key', `counts-${uniqueSuffix()}-${i}`)
        .send({ ...sampleApplication(uniqueSuffix()), college })
        .expect(201);
    }
    // The read model is written by the workflow: wait until it holds them all.
    const server = request(stack.app.getHttpServer());
    for (let tries = 0; ; tries += 1) {
      const counts = await server
        .get('/projects/stage-counts')
        .query({ college })
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const body = counts.body as { stages: { stage: string; projects: number }[]; total: number };
      if (body.total === MORE_THAN_A_PAGE) {
        expect(body.stages.find((s) => s.stage === 'APPLICATION')?.projects).toBe(MORE_THAN_A_PAGE);
        break;
      }
      if (tries > 120) throw new Error(`counts stayed at ${body.total}`);
      await sleep(500);
    }

    const page = staff.page;
    await staff.goto('/board');
    await page.getByLabel('学院').fill(college);
    await page.getByLabel('学院').press('Enter');
    const column = page.getByTestId('column-APPLICATION');
    await column.getByText(`${PAGE_SIZE} / 共 ${MORE_THAN_A_PAGE}`).waitFor();
    await page.getByTestId('count-APPLICATION').getByText(String(MORE_THAN_A_PAGE)).waitFor();
    expect(await column.getByTestId('board-project').count()).toBe(PAGE_SIZE);
    await page.getByTestId('count-MENTOR_MATCHING').getByText('0').waitFor();
    // The next page brings the rest; the count stays the whole number.
    await column.getByRole('button', { name: '加载更多' }).click();
    await column
      .getByTestId('board-project')
      .nth(MORE_THAN_A_PAGE - 1)
      .waitFor();
    await page.getByTestId('count-APPLICATION').getByText(String(MORE_THAN_A_PAGE)).waitFor();
  });

  it('shows reviewers the portfolio dashboard from GET /portfolio, ECharts only with that route', async () => {
    const page = reviewer.page;
    const scripts = (into: string[]) => (response: Response) => {
      if (response.request().resourceType() === 'script') into.push(response.url());
    };
    const boardScripts: string[] = [];
    const onBoard = scripts(boardScripts);
    page.on('response', onBoard);
    await reviewer.goto('/board');
    await settle(page);
    page.off('response', onBoard);

    const dashboardScripts: string[] = [];
    const onDashboard = scripts(dashboardScripts);
    page.on('response', onDashboard);
    await reviewer.goto('/dashboard');
    await page.getByTestId('chart-funnel').locator('svg').waitFor();
    page.off('response', onDashboard);
    // The chart library arrives with the dashboard's chunks and none of the board's.
    const bodies = async (urls: string[]) =>
      Promise.all(urls.map(async (url) => (await page.request.get(url)).text()));
    const marker = '_echarts_instance_';
    expect((await bodies(boardScripts)).some((body) => body.includes(marker))).toBe(false);
    expect((await bodies(dashboardScripts)).some((body) => body.includes(marker))).toBe(true);

    const token = await apiSignIn(stack.app, stack.reviewer);
    const portfolio = (
      await request(stack.app.getHttpServer())
        .get('/portfolio')
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body as { projectsByStage: Record<string, number>; mentorLoad: { name: string }[] };
    const funnel = page.getByTestId('dashboard-funnel');
    await funnel
      .getByRole('row')
      .filter({ hasText: '申请' })
      .getByText(String(portfolio.projectsByStage.APPLICATION), { exact: true })
      .waitFor();
    for (const testId of ['chart-stage-times', 'chart-mentor-load', 'chart-funding']) {
      await page.getByTestId(testId).locator('svg').waitFor();
    }
    await page
      .getByTestId('dashboard-mentor-load')
      .getByText(stack.mentor.mentorName, { exact: true })
      .first()
      .waitFor();
    await page.getByTestId('bottleneck').waitFor();

    // The funder report, as a page and as a PDF, from the dashboard's links (the cookie session).
    const html = await page.getByRole('link', { name: '资助方报告（网页）' }).getAttribute('href');
    const pdf = await page.getByRole('link', { name: '资助方报告（PDF）' }).getAttribute('href');
    const htmlAnswer = await page.request.get(`${stack.baseUrl}${html}`);
    expect(htmlAnswer.status()).toBe(200);
    expect(htmlAnswer.headers()['content-type']).toMatch(/^text\/html/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '资助方报告（PDF）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('funder-report.pdf');
    expect(pdf).toMatch(/format=pdf/);
  });

  function pages(): { who: ConsolePerson; name: string; path: string }[] {
    return [
      { who: staff, name: 'board', path: '/board' },
      { who: staff, name: 'mentors', path: '/mentors' },
      { who: admin, name: 'calendar', path: '/calendar' },
      { who: reviewer, name: 'dashboard', path: '/dashboard' },
    ];
  }

  async function switchLanguage(person: ConsolePerson, label: 'English' | '中文'): Promise<void> {
    await person.page.getByRole('combobox', { name: /界面语言|Language/ }).click();
    await person.page.locator(`.ant-select-item-option[title="${label}"]`).click();
  }

  it('shows these pages in both languages with no missing or raw key; amounts follow the language', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      for (const person of [staff, admin, reviewer]) {
        await person.goto('/inbox');
        await switchLanguage(person, language === 'en' ? 'English' : '中文');
      }
      for (const { who, name, path } of pages()) {
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
      const funding = reviewer.page.getByTestId('dashboard-funding');
      await funding
        .getByRole('cell', { name: language === 'en' ? 'Venture capital' : '风险投资' })
        .waitFor();
      await funding.getByText('¥0.00').first().waitFor();
    }
  });

  it('finds no critical or serious accessibility violation on these pages (axe, no rule disabled)', async () => {
    const found: { page: string; rule: string; impact: string; nodes: string[] }[] = [];
    for (const { who, name, path } of pages()) {
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
    expect(found).toEqual([]);
  });

  it('writes screenshots of the dashboard, mentors and calendar at 1280 and 390 px wide', async () => {
    const folder = '.data/screenshots';
    mkdirSync(folder, { recursive: true });
    for (const width of [1280, 390]) {
      for (const { who, name, path } of pages()) {
        await who.page.setViewportSize({ width, height: 900 });
        await who.goto(path);
        await settle(who.page);
        if (name === 'dashboard')
          await who.page.getByTestId('chart-funding').locator('svg').waitFor();
        await who.page.screenshot({ path: `${folder}/${name}-${width}.png`, fullPage: true });
      }
    }
  });
});
