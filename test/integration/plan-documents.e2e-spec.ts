import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { Response } from 'supertest';
import { d } from '../support/fixtures';
import { decideOk, driveProjectTo, submitProject } from '../support/api-projects';
import { eventually } from '../support/eventually';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import {
  docxFile,
  pdfFile,
  pptxFile,
  windowsExecutable,
  zipFile,
} from '../support/plan-document-files';
import { bootApi } from '../support/test-api';
import { testConfig } from '../support/test-env';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const summaries = d.plan(1).summaries;

interface PlanView {
  state: { plan: { versions: { document: unknown }[] } };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Collects a response body as bytes, whatever its content type. */
function binary(
  response: NodeJS.ReadableStream,
  done: (error: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
  response.on('error', (error: Error) => done(error, Buffer.alloc(0)));
}

describe('HTTP: business-plan documents, uploaded, referred to by a plan version, downloaded', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let storageDir: string;
  let staff: HttpAs;
  let mentor: HttpAs;
  let otherMentor: HttpAs;
  let reviewer: HttpAs;
  let mentorId: string;
  let projectId: string;
  let otherProjectId: string;

  function upload(
    app: NestFastifyApplication,
    who: HttpAs,
    project: string,
    content: Buffer,
    fileName: string,
    contentType = 'application/octet-stream',
  ): Promise<Response> {
    return request(app.getHttpServer())
      .post(`/projects/${project}/plan-documents`)
      .set('Authorization', `Bearer ${who.user.token}`)
      .attach('file', content, { filename: fileName, contentType });
  }

  function download(who: HttpAs, project: string, documentId: string): Promise<Response> {
    return request(app.getHttpServer())
      .get(`/projects/${project}/plan-documents/${documentId}`)
      .set('Authorization', `Bearer ${who.user.token}`)
      .buffer(true)
      .parse(binary as never);
  }

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'plan-documents-'));
    ctx = await openIntegrationContext('plan-docs', { DOCUMENT_STORAGE_DIR: storageDir });
    app = await bootApi(ctx.config);
    mentorId = await createRoomyMentor(ctx.db);
    const otherMentorId = await createRoomyMentor(ctx.db);
    [staff, mentor, otherMentor, reviewer] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
      signedInUser(app, ctx.db, 'mentor', { mentorId: otherMentorId }),
      signedInUser(app, ctx.db, 'reviewer'),
    ]);
    ({ projectId } = await submitProject(staff));
    await driveProjectTo({ staff, mentor, mentorId }, projectId, 'BUSINESS_PLAN');
    ({ projectId: otherProjectId } = await submitProject(staff));
    await driveProjectTo(
      { staff, mentor: otherMentor, mentorId: otherMentorId },
      otherProjectId,
      'BUSINESS_PLAN',
    );
  });

  afterAll(async () => {
    const users = [staff, mentor, otherMentor, reviewer].filter(Boolean).map((u) => u.user.id);
    await ctx?.db.query('UPDATE users SET active = false WHERE id = ANY($1::uuid[])', [users]);
    await ctx?.db.query(
      `UPDATE mentors SET active = false WHERE id IN (
         SELECT mentor_id FROM users WHERE id = ANY($1::uuid[]) AND mentor_id IS NOT NULL)`,
      [users],
    );
    await app?.close();
    await ctx?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('uploads a plan, records it in a plan version by documentId, and serves it back byte for byte', async () => {
    const content = pdfFile();
    const uploaded = await upload(app, staff, projectId, content, '商业计划书 v1.pdf', PDF);
    expect(uploaded.status).toBe(201);
    const document = uploaded.body as {
      documentId: string;
      sha256: string;
      fileName: string;
      mediaType: string;
      sizeBytes: number;
    };
    expect(document).toEqual(
      expect.objectContaining({
        sha256: sha256(content),
        fileName: '商业计划书 v1.pdf',
        mediaType: PDF,
        sizeBytes: content.length,
      }),
    );

    const submitted = await decideOk(staff, projectId, 'plan-versions', {
      documentId: document.documentId,
      summaries,
      comment: 'First version.',
    });
    expect(submitted.body).toEqual(expect.objectContaining({ accepted: true }));
    const detail = await staff.get(`/projects/${projectId}`);
    expect(JSON.stringify(detail.body)).toContain(document.sha256);
    expect((detail.body as PlanView).state.plan.versions.at(-1)?.document).toEqual({
      documentId: document.documentId,
      sha256: document.sha256,
      fileName: document.fileName,
      mediaType: PDF,
      sizeBytes: content.length,
    });
    const stored = await ctx.db.query<{ referenced_at: Date | null }>(
      'SELECT referenced_at FROM plan_documents WHERE id = $1',
      [document.documentId],
    );
    expect(stored.rows[0].referenced_at).not.toBeNull();

    for (const who of [staff, mentor, reviewer]) {
      const fetched = await download(who, projectId, document.documentId);
      expect({ role: who.user.role, status: fetched.status }).toEqual({
        role: who.user.role,
        status: 200,
      });
      expect(fetched.headers['content-type']).toBe(PDF);
      expect(fetched.headers['x-content-sha256']).toBe(sha256(content));
      expect(fetched.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('商业计划书 v1.pdf')}`,
      );
      const body = fetched.body as Buffer;
      expect(body.length).toBe(content.length);
      expect(sha256(body)).toBe(sha256(content));
      expect(body.equals(content)).toBe(true);
    }
  });

  it("refuses the document to a mentor of another project, and to the other project's URL", async () => {
    const content = pdfFile(10_000);
    const uploaded = await upload(app, staff, projectId, content, 'plan.pdf');
    expect(uploaded.status).toBe(201);
    const { documentId } = uploaded.body as { documentId: string };

    const refused = await download(otherMentor, projectId, documentId);
    expect(refused.status).toBe(404);
    expect(JSON.parse((refused.body as Buffer).toString('utf8'))).toEqual(
      expect.objectContaining({ message: `project ${projectId} not found` }),
    );
    // The document belongs to its own project only, even for staff.
    expect((await download(staff, otherProjectId, documentId)).status).toBe(404);
    expect((await download(staff, projectId, '00000000-0000-4000-8000-000000000000')).status).toBe(
      404,
    );
    // The refusal went to the security log.
    const logged = await ctx.db.query(
      `SELECT 1 FROM security_events WHERE user_id = $1 AND reason = 'not-your-project'`,
      [otherMentor.user.id],
    );
    expect(logged.rowCount).toBeGreaterThan(0);
  });

  it('refuses a 60 MB file with 413 naming the limit, and keeps nothing of it', async () => {
    const before = readdirSync(storageDir, { recursive: true }).length;
    const huge = Buffer.alloc(60 * 1024 * 1024);
    huge.write('%PDF-1.7\n', 0, 'latin1');
    const refused = await upload(app, staff, projectId, huge, 'huge-plan.pdf', PDF);
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual(
      expect.objectContaining({
        statusCode: 413,
        rule: 'document-size-limit',
        message: expect.stringContaining('larger than the limit of 52428800 bytes (50 MB)'),
      }),
    );
    expect(readdirSync(storageDir, { recursive: true }).length).toBe(before);
  });

  it('refuses a .exe renamed .pdf, and any other content that is not its named type', async () => {
    const exe = await upload(app, staff, projectId, windowsExecutable(), 'plan.pdf', PDF);
    expect(exe.status).toBe(415);
    expect(exe.body).toEqual(
      expect.objectContaining({
        rule: 'document-content-type',
        field: 'file',
        message: expect.stringMatching(
          /"plan\.pdf" is named as a PDF, but its content is not a PDF: it looks like a Windows executable/,
        ),
      }),
    );
    const cases: [Buffer, string, RegExp][] = [
      [zipFile({ 'notes.txt': 'hello' }), 'plan.docx', /not a Word or PowerPoint document/],
      [docxFile(), 'plan.pdf', /its content is a DOCX\. Name it \.docx/],
      [pdfFile(1000), 'plan.exe', /must be named \.pdf, \.docx or \.pptx/],
      [Buffer.from('just text'), 'plan.pptx', /its content is not a PPTX/],
    ];
    for (const [content, name, message] of cases) {
      const refused = await upload(app, staff, projectId, content, name);
      expect({ name, status: refused.status, message: refused.body.message }).toEqual({
        name,
        status: 415,
        message: expect.stringMatching(message),
      });
    }
    const rows = await ctx.db.query(
      'SELECT 1 FROM plan_documents WHERE project_id = $1 AND file_name = $2',
      [projectId, 'plan.exe'],
    );
    expect(rows.rowCount).toBe(0);
  });

  it('recognises DOCX and PPTX by their content', async () => {
    for (const [content, name, mediaType] of [
      [docxFile(), 'plan.docx', DOCX],
      [pptxFile(), 'pitch.PPTX', PPTX],
    ] as const) {
      const uploaded = await upload(app, staff, projectId, content, name);
      expect({ name, status: uploaded.status, mediaType: uploaded.body.mediaType }).toEqual({
        name,
        status: 201,
        mediaType,
      });
    }
  });

  it('accepts only staff uploads, with a file, for the project the plan version names', async () => {
    expect((await upload(app, mentor, projectId, pdfFile(100), 'plan.pdf')).status).toBe(403);
    expect((await upload(app, reviewer, projectId, pdfFile(100), 'plan.pdf')).status).toBe(403);
    const noFile = await staff.post(`/projects/${projectId}/plan-documents`, {});
    expect(noFile.status).toBe(400);
    expect(noFile.body.message).toMatch(/field "file"/);

    const elsewhere = await upload(app, staff, otherProjectId, pdfFile(100), 'other.pdf');
    expect(elsewhere.status).toBe(201);
    const wrongProject = await staff.decide(projectId, 'plan-versions', {
      documentId: elsewhere.body.documentId,
      summaries,
    });
    expect(wrongProject.status).toBe(422);
    expect(wrongProject.body).toEqual(
      expect.objectContaining({ rule: 'unknown-document', field: 'documentId' }),
    );
    const neither = await staff.decide(projectId, 'plan-versions', { summaries });
    expect(neither.status).toBe(400);
  });

  it("takes a plan version's document only from an upload: a document object, an unknown id or none is refused naming the field", async () => {
    const problemsOf = (body: unknown) =>
      (body as { problems?: { field: string; rules: string[] }[] }).problems;
    const invented = await staff.decide(projectId, 'plan-versions', {
      document: {
        documentId: 'doc-1',
        sha256: '1'.repeat(64),
        fileName: 'plan-v1.pdf',
        mediaType: PDF,
        sizeBytes: 123456,
      },
      summaries,
    });
    expect({ status: invented.status, problems: problemsOf(invented.body) }).toEqual({
      status: 400,
      problems: expect.arrayContaining([
        {
          field: 'document',
          rules: [
            expect.stringMatching(
              /^document is not accepted: the server hashes every plan document; upload it with POST \/projects\/:projectId\/plan-documents and send its documentId/,
            ),
          ],
        },
      ]),
    });
    const uploaded = await upload(app, staff, projectId, pdfFile(500), 'plan.pdf', PDF);
    const withBoth = await staff.decide(projectId, 'plan-versions', {
      documentId: uploaded.body.documentId,
      document: { documentId: uploaded.body.documentId, sha256: uploaded.body.sha256 },
      summaries,
    });
    expect({
      status: withBoth.status,
      fields: problemsOf(withBoth.body)?.map((p) => p.field),
    }).toEqual({
      status: 400,
      fields: ['document'],
    });

    const neither = await staff.decide(projectId, 'plan-versions', { summaries });
    expect({ status: neither.status, problems: problemsOf(neither.body) }).toEqual({
      status: 400,
      problems: [
        { field: 'documentId', rules: expect.arrayContaining(['documentId is required']) },
      ],
    });
    expect(problemsOf(neither.body)?.[0].rules[0]).toBe('documentId is required');

    const unknown = await staff.decide(projectId, 'plan-versions', {
      documentId: '00000000-0000-4000-8000-000000000000',
      summaries,
    });
    expect({ status: unknown.status, rule: unknown.body.rule, field: unknown.body.field }).toEqual({
      status: 422,
      rule: 'unknown-document',
      field: 'documentId',
    });
    // Nothing of the refused decisions reached the project.
    const detail = await staff.get(`/projects/${projectId}`);
    expect(JSON.stringify(detail.body)).not.toContain('1'.repeat(64));
  });

  it('deletes uploads that no plan version referred to once they expire, and keeps the others', async () => {
    const quickConfig = testConfig({
      TEMPORAL_TASK_QUEUE: ctx.config.TEMPORAL_TASK_QUEUE,
      DOCUMENT_STORAGE_DIR: storageDir,
      PLAN_DOCUMENT_UNREFERENCED_TTL_SECONDS: '1',
      PLAN_DOCUMENT_CLEANUP_INTERVAL_MS: '200',
    });
    const quickApp = await bootApi(quickConfig);
    try {
      const uploaded = await upload(quickApp, staff, projectId, pdfFile(1000), 'draft.pdf');
      expect(uploaded.status).toBe(201);
      const { documentId } = uploaded.body as { documentId: string };
      const file = join(storageDir, projectId, documentId);
      expect(existsSync(file)).toBe(true);
      await eventually(async () => {
        const rows = await ctx.db.query('SELECT 1 FROM plan_documents WHERE id = $1', [documentId]);
        expect(rows.rowCount).toBe(0);
      });
      expect(existsSync(file)).toBe(false);
      expect((await download(staff, projectId, documentId)).status).toBe(404);
      // The plan version's document (uploaded in the first test) is referenced: still there.
      const referenced = await ctx.db.query(
        'SELECT count(*)::int AS n FROM plan_documents WHERE project_id = $1 AND referenced_at IS NOT NULL',
        [projectId],
      );
      expect(referenced.rows[0].n).toBeGreaterThan(0);
    } finally {
      await quickApp.close();
    }
  });
});
