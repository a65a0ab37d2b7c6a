import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Observable } from 'rxjs';
import { AppConfig } from '@app/config';

/** The multipart field that carries the document. */
export const PLAN_DOCUMENT_FIELD = 'file';

/** A received upload, waiting in a temporary file until the service has checked and stored it. */
export interface ReceivedDocument {
  path: string;
  originalname: string;
  mimetype: string;
  size: number;
}

type Done = (error: Error | null, info?: Partial<ReceivedDocument>) => void;

/** A multer storage engine that writes each upload to its own temporary file. */
const temporaryFiles = {
  _handleFile(_req: unknown, file: { stream: Readable }, done: Done): void {
    const path = join(tmpdir(), `plan-upload-${randomUUID()}`);
    let size = 0;
    file.stream.on('data', (chunk: Buffer) => (size += chunk.length));
    pipeline(file.stream, createWriteStream(path, { flags: 'wx' })).then(
      () => done(null, { path, size }),
      (error: Error) => void rm(path, { force: true }).finally(() => done(error)),
    );
  },
  _removeFile(_req: unknown, file: { path?: string }, done: (error: Error | null) => void): void {
    if (!file.path) return done(null);
    rm(file.path, { force: true }).then(
      () => done(null),
      (error: Error) => done(error),
    );
  },
};

/**
 * Receives one document in the `file` field, up to PLAN_DOCUMENT_MAX_BYTES: multer stops at the
 * limit and drains the rest, and the caller gets a 413 that names the limit.
 */
@Injectable()
export class PlanDocumentUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;
  private readonly maxBytes: number;

  constructor(config: AppConfig) {
    this.maxBytes = config.PLAN_DOCUMENT_MAX_BYTES;
    const Interceptor: Type<NestInterceptor> = FileInterceptor(PLAN_DOCUMENT_FIELD, {
      storage: temporaryFiles,
      // Browsers send a UTF-8 file name (e.g. 商业计划书.pdf) without naming the charset.
      defParamCharset: 'utf8',
      limits: { fileSize: this.maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024 },
    });
    this.multer = new Interceptor();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) {
        throw new PayloadTooLargeException({
          message: `the document is larger than the limit of ${describeBytes(this.maxBytes)} (${this.maxBytes} bytes)`,
          rule: 'document-size-limit',
          field: PLAN_DOCUMENT_FIELD,
          limitBytes: this.maxBytes,
        });
      }
      throw error;
    }
  }
}

function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MB` : `${Math.round(bytes / 1024)} KB`;
}
