import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chromium } from 'playwright-core';
import request from 'supertest';
import { shanghaiDate } from '../../apps/api/src/portfolio/portfolio.service';
import { CHROMIUM_ARGS } from '../../apps/api/src/reports/report-pdf.printer';
import { yuanOf } from '../../apps/api/src/reports/funder-report.html';
import { repoRoot } from '../../infra/dev/repo-root';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';
import { uploadedPlan } from '../support/plan-uploads';

function bodyOf(decision: object): object {
  return Object.fromEntries(Object.entries(decision).filter(([key]) => key !== 'type'));
}

/** Where the tests leave what a person should look at (ignored by git). */
const ARTIFACTS = join(repoRoot(), 'test-output');

describe('the funder report: printable HTML and a PDF made on the server', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let staff2: HttpAs;
  let mentor: HttpAs;
  let reviewer: HttpAs;
  let mentorId: string;
  const college = `College of Reports ${uniqueSuffix()}`;
  const today = shanghaiDate(new Date());

  beforeAll(async () => {
    ctx = await openIntegrationContext('funder-report');
    app = await bootApi(ctx.config);
    mentorId = await createRoomyMentor(ctx.db);
    [staff, staff2, mentor, reviewer] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
      signedInUser(app, ctx.db, 'reviewer'),
    ]);
    const created = await staff.post('/projects', sampleApplication(uniqueSuffix(), { college }), {
      'Idempotency-Key': `report-${uniqueSuffix()}`,
    });
    const { projectId } = created.body as { projectId: string };
    const steps: [HttpAs, string, object][] = [
      [staff, 'screening', bodyOf(d.accept)],
      [staff, 'mentor-assignment', { mentorId }],
      [mentor, 'mentor-assignment/accept', {}],
      [staff, 'plan-versions', uploadedPlan(1)],
      [mentor, 'plan-review/approve', {}],
      [staff, 'investor-contacts', { ...bodyOf(d.contact('c-1', 'invested')), date: today }],
      [mentor, 'investment-sign-offs', {}],
      [staff2, 'investment-sign-offs', {}],
      [
        staff,
        'company',
        {
          ...bodyOf(d.company({ companyName: '果园激光雷达科技有限公司' })),
          registrationDate: today,
        },
      ],
      [staff, 'incubation-approval', {}],
    ];
    for (const [who, action, body] of steps) {
      expect((await who.decide(projectId, action, body)).status).toBe(200);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('prints a PDF whose text holds the Chinese headings and the figures of GET /portfolio', async () => {
    const period = { college, from: today, to: today };
    const json = (await reviewer.get('/portfolio', period)).body;
    expect(json.incubated).toBe(1);
    const pdf = await request(app.getHttpServer())
      .get('/reports/portfolio')
      .query({ ...period, format: 'pdf', lang: 'zh' })
      .set('Authorization', `Bearer ${reviewer.user.token}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'funder-report-')), 'report.pdf');
    writeFileSync(file, pdf.body as Buffer);
    writeFileSync(join(ARTIFACTS, 'funder-report.zh.pdf'), pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const heading of [
      '孵化成果报告',
      '主要成果',
      '孵化成功项目',
      '注册企业',
      '带动就业岗位',
      '创新实践基金使用',
      '瓶颈阶段',
      '孵化企业名单',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('果园激光雷达科技有限公司');
    expect(text).toContain(`¥${yuanOf(json.funding.raisedFen)}`);
    expect(text).toContain(String(json.jobsCreated));
    expect(text).toContain(today);
  }, 60_000);

  it('shows the HTML report in a browser, in English too, and writes a screenshot', async () => {
    const html = await reviewer.get('/reports/portfolio', {
      college,
      from: today,
      to: today,
      lang: 'en',
    });
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('Projects incubated');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    try {
      for (const lang of ['zh', 'en']) {
        const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
        const body = (
          await reviewer.get('/reports/portfolio', { college, from: today, to: today, lang })
        ).text;
        await page.setContent(body);
        const title = await page.locator('h1').textContent();
        expect(title).toContain(lang === 'zh' ? '孵化成果报告' : 'Outcomes Report');
        await page.screenshot({
          path: join(ARTIFACTS, `funder-report.${lang}.png`),
          fullPage: true,
        });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
