import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '@app/config';
import { DocumentStorage, StoredDocumentMissingError } from './document-storage';

/** Keys are ours (uuids joined by '/'), never a client's file name: no way out of the folder. */
const KEY = /^[0-9a-f-]{36}(\/[0-9a-f-]{36})*$/;

/** Documents as files under DOCUMENT_STORAGE_DIR, written to a temporary name and renamed. */
@Injectable()
export class FolderDocumentStorage extends DocumentStorage {
  private readonly root: string;

  constructor(config: AppConfig) {
    super();
    this.root = resolve(config.DOCUMENT_STORAGE_DIR);
  }

  async put(key: string, content: Readable): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomUUID()}.part`;
    try {
      await pipeline(content, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    // Opened first, so a missing file is an error here rather than in the middle of a response.
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new StoredDocumentMissingError(key);
      throw error;
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a document storage key: ${key}`);
    return join(this.root, ...key.split('/'));
  }
}
