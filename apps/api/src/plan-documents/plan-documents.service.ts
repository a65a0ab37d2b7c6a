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
import { Actor, LIMITS, PlanDocument as PlanVersionDocument, projectClosed } from '@app/domain';
import {
  deleteExpiredPlanDocuments,
  findPlanDocument,
  insertPlanDocument,
  keepPlanDocumentFor,
  markPlanDocumentReferenced,
} from '@app/persistence';
import { conflictBody, RefusalException } from '../common/refusal.exception';
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

/** A plan version being decided keeps its upload from expiring at least this long. */
const IN_FLIGHT_GRACE = '1 hour';

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
        throw new ConflictException(conflictBody(projectClosed(`project ${projectId} is closed`)));
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
    const row = await findPlanDocument(this.dataSource, projectId, documentId);
    if (!row) throw documentNotFound(projectId, documentId);
    try {
      const content = await this.storage.get(row.storageKey);
      return {
        fileName: row.fileName,
        mediaType: row.mediaType,
        sizeBytes: row.sizeBytes,
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
    const row = await keepPlanDocumentFor(this.dataSource, projectId, documentId, IN_FLIGHT_GRACE);
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
      fileName: row.fileName,
      mediaType: row.mediaType,
      sizeBytes: row.sizeBytes,
    };
  }

  /** A plan version refers to the upload: it no longer expires. */
  async markReferenced(projectId: string, documentId: string): Promise<void> {
    await markPlanDocumentReferenced(this.dataSource, projectId, documentId);
  }

  /** Deletes up to `batch` expired uploads that nothing refers to, rows and files. */
  async deleteExpiredUploads(batch = 100): Promise<number> {
    const deleted = await deleteExpiredPlanDocuments(this.dataSource, batch);
    for (const row of deleted) {
      try {
        await this.storage.delete(row.storageKey);
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
      const row = await insertPlanDocument(this.dataSource, {
        id: documentId,
        projectId,
        fileName,
        mediaType: PLAN_DOCUMENT_KINDS[kind].mediaType,
        sizeBytes,
        sha256,
        storageKey,
        uploadedBy: actor.userId,
        ttlSeconds: this.config.PLAN_DOCUMENT_UNREFERENCED_TTL_SECONDS,
      });
      return {
        documentId,
        sha256,
        fileName,
        mediaType: row.mediaType,
        sizeBytes,
        uploadedAt: row.uploadedAt.toISOString(),
        expiresAt: row.expiresAt.toISOString(),
      };
    } catch (error) {
      await this.storage.delete(storageKey);
      throw error;
    }
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
