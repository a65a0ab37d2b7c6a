import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { Actor, LIMITS, PlanDocument as PlanVersionDocument } from '@app/domain';
import { RefusalException } from '../common/refusal.exception';
import { ProjectAccessService } from '../projects/project-access.service';
import {
  PLAN_DOCUMENT_KINDS,
  PlanDocumentKind,
  RecognisedContent,
  recogniseDocument,
} from './document-content';
import { DocumentStorage, StoredDocumentMissingError } from './document-storage';
import { UploadedPlanDocumentView } from './dto/plan-document.response';
import type { ReceivedDocument } from './plan-document-upload.interceptor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A plan version being decided keeps its upload from expiring at least this long. */
const IN_FLIGHT_GRACE = '1 hour';

interface PlanDocumentRow {
  id: string;
  project_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_at: Date;
  referenced_at: Date | null;
  expires_at: Date;
}

export interface PlanDocumentDownload {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  content: Readable;
}

/**
 * Business-plan documents: received, recognised by content, stored with the sha256 the server
 * computes while storing, served only to people who may read the project, and turned into the
 * document a plan version records.
 */
@Injectable()
export class PlanDocumentsService {
  private readonly logger = new Logger(PlanDocumentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ProjectAccessService,
    private readonly storage: DocumentStorage,
    private readonly config: AppConfig,
  ) {}

  async upload(
    projectId: string,
    actor: Actor,
    file: ReceivedDocument | undefined,
  ): Promise<UploadedPlanDocumentView> {
    if (!file) {
      throw new BadRequestException({
        message: 'send the document as a multipart/form-data file in the field "file"',
        field: 'file',
      });
    }
    try {
      const project = await this.access.visibleProject(projectId, actor, 'uploadPlanDocument');
      if (project.status === 'CLOSED') {
        throw new ConflictException({
          message: `project ${projectId} is closed`,
          rule: 'project-closed',
        });
      }
      const fileName = fileNameOf(file.originalname);
      const kind = kindOf(fileName, await recogniseDocument(file.path));
      return await this.store(projectId, actor, file, fileName, kind);
    } finally {
      await rm(file.path, { force: true });
    }
  }

  async download(
    projectId: string,
    actor: Actor,
    documentId: string,
  ): Promise<PlanDocumentDownload> {
    // A mentor reads documents only once assigned: a proposed one sees the summary alone.
    await this.access.assignedProject(projectId, actor, 'downloadPlanDocument');
    const row = await this.documentOf(projectId, documentId);
    if (!row) throw documentNotFound(projectId, documentId);
    try {
      const content = await this.storage.get(row.storage_key);
      return {
        fileName: row.file_name,
        mediaType: row.media_type,
        sizeBytes: row.size_bytes,
        sha256: row.sha256,
        content,
      };
    } catch (error) {
      if (!(error instanceof StoredDocumentMissingError)) throw error;
      this.logger.error(`plan document ${documentId} has a row but no stored file`);
      throw new NotFoundException(`the file of plan document ${documentId} is no longer stored`);
    }
  }

  /**
   * The document a plan version records: the upload of this project, as the server stored and
   * hashed it (never a record the client wrote). The upload is kept from expiring while the
   * decision is decided.
   */
  async documentForPlanVersion(
    projectId: string,
    documentId: string,
  ): Promise<PlanVersionDocument> {
    const row = await this.keepForDecision(projectId, documentId);
    if (!row) {
      throw new RefusalException([
        {
          kind: 'RuleRefused',
          rule: 'unknown-document',
          field: 'documentId',
          message: `no document ${documentId} was uploaded for project ${projectId}, or it expired: upload it with POST /projects/${projectId}/plan-documents`,
        },
      ]);
    }
    return {
      documentId: row.id,
      sha256: row.sha256,
      fileName: row.file_name,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
    };
  }

  /** A plan version refers to the upload: it no longer expires. */
  async markReferenced(projectId: string, documentId: string): Promise<void> {
    if (!UUID.test(documentId)) return;
    await this.dataSource.query(
      `UPDATE plan_documents SET referenced_at = coalesce(referenced_at, now())
        WHERE id = $1 AND project_id = $2`,
      [documentId, projectId],
    );
  }

  /** Deletes up to `batch` expired uploads that nothing refers to, rows and files. */
  async deleteExpiredUploads(batch = 100): Promise<number> {
    // TypeORM answers a DELETE with [rows returned, rows deleted].
    const [deleted]: [{ id: string; storage_key: string }[], number] = await this.dataSource.query(
      `DELETE FROM plan_documents WHERE id IN (
          SELECT id FROM plan_documents
           WHERE referenced_at IS NULL AND expires_at < now()
           ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, storage_key`,
      [batch],
    );
    for (const row of deleted) {
      try {
        await this.storage.delete(row.storage_key);
      } catch (error) {
        this.logger.warn(`could not delete the file of expired upload ${row.id}: ${String(error)}`);
      }
    }
    return deleted.length;
  }

  private async store(
    projectId: string,
    actor: Actor,
    file: ReceivedDocument,
    fileName: string,
    kind: PlanDocumentKind,
  ): Promise<UploadedPlanDocumentView> {
    const documentId = randomUUID();
    const storageKey = `${projectId}/${documentId}`;
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        callback(null, chunk);
      },
    });
    const source = createReadStream(file.path);
    source.on('error', (error) => hashing.destroy(error));
    await this.storage.put(storageKey, source.pipe(hashing));
    const sha256 = hash.digest('hex');
    try {
      const rows: PlanDocumentRow[] = await this.dataSource.query(
        `INSERT INTO plan_documents (id, project_id, file_name, media_type, size_bytes, sha256,
           storage_key, uploaded_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(secs => $9))
         RETURNING *`,
        [
          documentId,
          projectId,
          fileName,
          PLAN_DOCUMENT_KINDS[kind].mediaType,
          sizeBytes,
          sha256,
          storageKey,
          actor.userId,
          this.config.PLAN_DOCUMENT_UNREFERENCED_TTL_SECONDS,
        ],
      );
      const row = rows[0];
      return {
        documentId,
        sha256,
        fileName,
        mediaType: row.media_type,
        sizeBytes,
        uploadedAt: row.uploaded_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
      };
    } catch (error) {
      await this.storage.delete(storageKey);
      throw error;
    }
  }

  /** The upload, pushed past expiry for the time a decision takes, unless it expired already. */
  private async keepForDecision(
    projectId: string,
    documentId: string,
  ): Promise<PlanDocumentRow | undefined> {
    if (!UUID.test(documentId)) return undefined;
    const [rows]: [PlanDocumentRow[], number] = await this.dataSource.query(
      `UPDATE plan_documents
          SET expires_at = greatest(expires_at, now() + interval '${IN_FLIGHT_GRACE}')
        WHERE id = $1 AND project_id = $2 AND (referenced_at IS NOT NULL OR expires_at > now())
        RETURNING *`,
      [documentId, projectId],
    );
    return rows[0];
  }

  private async documentOf(
    projectId: string,
    documentId: string,
  ): Promise<PlanDocumentRow | undefined> {
    if (!UUID.test(documentId)) return undefined;
    const rows: PlanDocumentRow[] = await this.dataSource.query(
      'SELECT * FROM plan_documents WHERE id = $1 AND project_id = $2',
      [documentId, projectId],
    );
    return rows[0];
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

function fileNameOf(original: string): string {
  // Only the name: a browser may send a path, and control characters have no place in a header.
  const name = basename(original.replace(/\\/g, '/')).replace(CONTROL_CHARACTERS, '').trim();
  if (name.length === 0 || name.length > LIMITS.text.fileName) {
    throw new BadRequestException({
      message: `the file name must have 1 to ${LIMITS.text.fileName} characters`,
      field: 'file',
    });
  }
  return name;
}

/** The name says which kind it claims to be; the content must be exactly that kind. */
function kindOf(fileName: string, content: RecognisedContent): PlanDocumentKind {
  const lower = fileName.toLowerCase();
  const claimed = (Object.keys(PLAN_DOCUMENT_KINDS) as PlanDocumentKind[]).find((kind) =>
    lower.endsWith(PLAN_DOCUMENT_KINDS[kind].extension),
  );
  const accepted = 'Only PDF, DOCX and PPTX documents are accepted.';
  if (claimed === undefined) {
    throw unsupported(`"${fileName}" must be named .pdf, .docx or .pptx. ${accepted}`);
  }
  const label = PLAN_DOCUMENT_KINDS[claimed].label;
  if (content.kind === null && 'refused' in content) {
    throw new UnsupportedMediaTypeException({
      message: `"${fileName}" is refused: ${content.refused}. ${accepted}`,
      rule: content.rule,
      field: 'file',
    });
  }
  if (content.kind === null) {
    throw unsupported(
      `"${fileName}" is named as a ${label}, but its content is not a ${label}: it looks like ${content.looksLike}. ${accepted}`,
    );
  }
  if (content.kind !== claimed) {
    throw unsupported(
      `"${fileName}" is named as a ${label}, but its content is a ${PLAN_DOCUMENT_KINDS[content.kind].label}. Name it ${PLAN_DOCUMENT_KINDS[content.kind].extension}.`,
    );
  }
  return claimed;
}

function unsupported(message: string): UnsupportedMediaTypeException {
  return new UnsupportedMediaTypeException({
    message,
    rule: 'document-content-type',
    field: 'file',
  });
}

function documentNotFound(projectId: string, documentId: string): NotFoundException {
  return new NotFoundException(`plan document ${documentId} not found in project ${projectId}`);
}
