import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '@app/domain';
import { CurrentActor, Roles } from '../auth';
import { UploadedPlanDocumentView } from './dto/plan-document.response';
import { PLAN_DOCUMENT_KINDS } from './document-content';
import {
  PLAN_DOCUMENT_FIELD,
  PlanDocumentUploadInterceptor,
  ReceivedDocument,
  UploadedDocument,
} from './plan-document-upload.interceptor';
import { PlanDocumentsService } from './plan-documents.service';

/** The header that carries a downloaded document's sha256 (lowercase hex). */
export const CONTENT_SHA256_HEADER = 'X-Content-SHA256';

@Controller('projects/:projectId/plan-documents')
export class PlanDocumentsController {
  constructor(private readonly documents: PlanDocumentsService) {}

  /**
   * Uploads a business plan (multipart field `file`: PDF, DOCX or PPTX, recognised by content)
   * for a later plan version to refer to by its documentId.
   */
  @Post()
  @HttpCode(201)
  @Roles('staff')
  @UseInterceptors(PlanDocumentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [PLAN_DOCUMENT_FIELD],
      properties: { [PLAN_DOCUMENT_FIELD]: { type: 'string', format: 'binary' } },
    },
  })
  upload(
    @Param('projectId') projectId: string,
    @CurrentActor() actor: Actor,
    @UploadedDocument() file: ReceivedDocument | undefined,
  ): Promise<UploadedPlanDocumentView> {
    return this.documents.upload(projectId, actor, file);
  }

  /** The document as uploaded, with its sha256 in the X-Content-SHA256 header. */
  @Get(':documentId')
  @ApiProduces(...Object.values(PLAN_DOCUMENT_KINDS).map((kind) => kind.mediaType))
  async download(
    @Param('projectId') projectId: string,
    @Param('documentId') documentId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<StreamableFile> {
    const document = await this.documents.download(projectId, actor, documentId);
    response.header(CONTENT_SHA256_HEADER, document.sha256);
    response.header('ETag', `"${document.sha256}"`);
    response.header('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(document.content, {
      type: document.mediaType,
      length: document.sizeBytes,
      disposition: attachment(document.fileName),
    });
  }
}

/** An ASCII name for old clients and the exact name (RFC 6266 / 5987) for the others. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
