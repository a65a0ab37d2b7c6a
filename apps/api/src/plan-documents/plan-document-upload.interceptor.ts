import {
  BadRequestException,
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Observable } from 'rxjs';
import { AppConfig } from '@app/config';
import { describeBytes } from '../http/body-too-large';

/** The multipart field that carries the document. */
export const PLAN_DOCUMENT_FIELD = 'file';

/** A received upload, waiting in a temporary file until the service has checked and stored it. */
export interface ReceivedDocument {
  path: string;
  originalname: string;
  mimetype: string;
  size: number;
}

type UploadRequest = FastifyRequest & { receivedDocument?: ReceivedDocument };

/** The document the interceptor received, or undefined when the request carried none. */
export const UploadedDocument = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ReceivedDocument | undefined =>
    context.switchToHttp().getRequest<UploadRequest>().receivedDocument,
);

/**
 * Receives one document in the `file` field (@fastify/multipart, streamed to a temporary file),
 * up to PLAN_DOCUMENT_MAX_BYTES: past the limit the stream stops, the part is deleted and the
 * caller gets a 413 that names the limit. A request that is not multipart carries no document,
 * which the service answers with a 400 naming the field.
 */
@Injectable()
export class PlanDocumentUploadInterceptor implements NestInterceptor {
  private readonly maxBytes: number;

  constructor(config: AppConfig) {
    this.maxBytes = config.PLAN_DOCUMENT_MAX_BYTES;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<UploadRequest>();
    if (request.isMultipart()) request.receivedDocument = await this.receive(request);
    return next.handle();
  }

  private async receive(request: FastifyRequest): Promise<ReceivedDocument | undefined> {
    let path: string | undefined;
    try {
      const part = await request.file({
        // Browsers send a UTF-8 file name (e.g. 商业计划书.pdf) without naming the charset;
        // @fastify/busboy reads a quoted filename as UTF-8.
        limits: { fileSize: this.maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024 },
      });
      if (!part) return undefined;
      if (part.fieldname !== PLAN_DOCUMENT_FIELD) {
        part.file.resume();
        throw new BadRequestException({
          message: `unexpected file field "${part.fieldname}": send the document in the field "${PLAN_DOCUMENT_FIELD}"`,
          field: part.fieldname,
        });
      }
      path = join(tmpdir(), `plan-upload-${randomUUID()}`);
      let size = 0;
      part.file.on('data', (chunk: Buffer) => (size += chunk.length));
      await pipeline(part.file, createWriteStream(path, { flags: 'wx' }));
      if (part.file.truncated) throw this.tooLarge();
      return { path, originalname: part.filename, mimetype: part.mimetype, size };
    } catch (error) {
      if (path) await rm(path, { force: true });
      if (error instanceof HttpException) throw error;
      const code = (error as { code?: string; statusCode?: number }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw this.tooLarge();
      const status = (error as { statusCode?: number }).statusCode;
      // @fastify/busboy refuses a body it cannot parse (a Content-Type without its boundary, a
      // part without headers) with a plain Error: the client's fault, a 400 (both were 500s the
      // fuzz runs found). Only a system error (writing the temporary file) is the server's.
      const unreadable = !(error as { syscall?: string }).syscall;
      if (unreadable || (typeof status === 'number' && status >= 400 && status < 500)) {
        throw new BadRequestException({
          message: `the multipart body could not be read: ${(error as Error).message}`,
          field: PLAN_DOCUMENT_FIELD,
        });
      }
      throw error;
    }
  }

  private tooLarge(): PayloadTooLargeException {
    return new PayloadTooLargeException({
      message: `the document is larger than the limit of ${this.maxBytes} bytes (${describeBytes(this.maxBytes)})`,
      rule: 'document-size-limit',
      field: PLAN_DOCUMENT_FIELD,
      limitBytes: this.maxBytes,
    });
  }
}
