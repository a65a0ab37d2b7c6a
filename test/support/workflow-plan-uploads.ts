import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import type { Actor, Decision } from '@app/domain';
import { FolderDocumentStorage } from '../../apps/api/src/plan-documents/folder-document-storage';
import { PlanDocumentsService } from '../../apps/api/src/plan-documents/plan-documents.service';
import { ProjectAccessService } from '../../apps/api/src/projects/project-access.service';
import { uniqueSuffix } from './fixtures';
import { pdfFile } from './plan-document-files';

/**
 * Plan versions for tests that drive workflows without the API: the document is uploaded to
 * the project by the API's own upload code (recognised by content, stored, hashed by the
 * server) and the decision carries the record that code made, exactly as
 * `POST /projects/:id/plan-versions` would send it. No test invents a document record.
 */
export class PlanUploads {
  private readonly documents: PlanDocumentsService;
  private uploader?: Promise<Actor>;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.documents = new PlanDocumentsService(
      dataSource,
      new ProjectAccessService(dataSource),
      new FolderDocumentStorage(config),
      config,
    );
  }

  /**
   * The decision as the API would send it: a plan version gets the record of a PDF really
   * uploaded to the project (which must be in the read model), in place of the record a
   * fixture wrote; any other decision is sent as it is.
   */
  async sendable(projectId: string, decision: Decision): Promise<Decision> {
    if (decision.type !== 'submitPlanVersion') return decision;
    const by = await this.staffUploader();
    const folder = await mkdtemp(join(tmpdir(), 'plan-upload-'));
    try {
      const content = pdfFile(2_000);
      const path = join(folder, 'received');
      await writeFile(path, content);
      const uploaded = await this.documents.upload(projectId, by, {
        path,
        originalname: decision.document.fileName,
        mimetype: 'application/pdf',
        size: content.length,
      });
      const document = await this.documents.documentForPlanVersion(projectId, uploaded.documentId);
      // Sent at once: referenced, as the API marks the upload its plan version names.
      await this.documents.markReferenced(projectId, document.documentId);
      return { ...decision, document };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /** `sendable` for a project's workflow handle. */
  sendableFor(handle: { workflowId: string }, decision: Decision): Promise<Decision> {
    return this.sendable(handle.workflowId.replace(/^project-/, ''), decision);
  }

  /**
   * An upload names a real user: a staff account of this suite's own. It is inactive, so it
   * is never told of other suites' projects; the fixture staff member still decides.
   */
  private staffUploader(): Promise<Actor> {
    this.uploader ??= this.dataSource
      .query<{ id: string }[]>(
        `INSERT INTO users (username, display_name, role, password_hash, active)
         VALUES ($1, 'Plan Uploader', 'staff', 'not-a-password', false) RETURNING id`,
        [`plan-uploader-${uniqueSuffix()}`],
      )
      .then((rows) => ({ userId: rows[0].id, role: 'staff' }));
    return this.uploader;
  }
}
