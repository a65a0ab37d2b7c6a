import type { Readable } from 'node:stream';

/** A stored file that is not there (deleted, or the storage lost it). */
export class StoredDocumentMissingError extends Error {
  constructor(readonly key: string) {
    super(`no stored document under ${key}`);
    this.name = 'StoredDocumentMissingError';
  }
}

/**
 * Where uploaded documents live. A folder by default; object storage can replace it by
 * providing another implementation of these three operations.
 */
export abstract class DocumentStorage {
  /** Stores the whole stream under `key`; the key is visible only once everything is written. */
  abstract put(key: string, content: Readable): Promise<void>;

  /** The stored content; throws StoredDocumentMissingError if there is none. */
  abstract get(key: string): Promise<Readable>;

  /** Removes what `key` holds; a key that holds nothing is not an error. */
  abstract delete(key: string): Promise<void>;
}
