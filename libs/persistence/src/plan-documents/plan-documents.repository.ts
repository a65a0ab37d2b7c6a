import { isUuid, Queryable } from '../queryable';

/** An uploaded business-plan document's record (the file itself is in the document storage). */
export interface StoredPlanDocument {
  id: string;
  projectId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedAt: Date;
  /** Set once a plan version refers to it: it no longer expires. */
  referencedAt: Date | null;
  expiresAt: Date;
}

const COLUMNS = `id, project_id AS "projectId", file_name AS "fileName", media_type AS "mediaType",
  size_bytes AS "sizeBytes", sha256, storage_key AS "storageKey", uploaded_at AS "uploadedAt",
  referenced_at AS "referencedAt", expires_at AS "expiresAt"`;

/** Records an upload, expiring after `ttlSeconds` unless a plan version refers to it. */
export async function insertPlanDocument(
  db: Queryable,
  document: Omit<StoredPlanDocument, 'uploadedAt' | 'referencedAt' | 'expiresAt'> & {
    uploadedBy: string;
    ttlSeconds: number;
  },
): Promise<StoredPlanDocument> {
  const rows: StoredPlanDocument[] = await db.query(
    `INSERT INTO plan_documents (id, project_id, file_name, media_type, size_bytes, sha256,
       storage_key, uploaded_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(secs => $9))
     RETURNING ${COLUMNS}`,
    [
      document.id,
      document.projectId,
      document.fileName,
      document.mediaType,
      document.sizeBytes,
      document.sha256,
      document.storageKey,
      document.uploadedBy,
      document.ttlSeconds,
    ],
  );
  return rows[0];
}

/** The project's document; undefined when there is none (or the id is not a uuid). */
export async function findPlanDocument(
  db: Queryable,
  projectId: string,
  documentId: string,
): Promise<StoredPlanDocument | undefined> {
  if (!isUuid(documentId)) return undefined;
  const rows: StoredPlanDocument[] = await db.query(
    `SELECT ${COLUMNS} FROM plan_documents WHERE id = $1 AND project_id = $2`,
    [documentId, projectId],
  );
  return rows[0];
}

/**
 * The project's upload, pushed past expiry for at least `grace` (a PostgreSQL interval, e.g.
 * '1 hour'), unless it expired already: undefined then.
 */
export async function keepPlanDocumentFor(
  db: Queryable,
  projectId: string,
  documentId: string,
  grace: string,
): Promise<StoredPlanDocument | undefined> {
  if (!isUuid(documentId)) return undefined;
  const [rows]: [StoredPlanDocument[], number] = await db.query(
    `UPDATE plan_documents
        SET expires_at = greatest(expires_at, now() + $3::interval)
      WHERE id = $1 AND project_id = $2 AND (referenced_at IS NOT NULL OR expires_at > now())
      RETURNING ${COLUMNS}`,
    [documentId, projectId, grace],
  );
  return rows[0];
}

/** A plan version refers to the upload: it no longer expires. */
export async function markPlanDocumentReferenced(
  db: Queryable,
  projectId: string,
  documentId: string,
): Promise<void> {
  if (!isUuid(documentId)) return;
  await db.query(
    `UPDATE plan_documents SET referenced_at = coalesce(referenced_at, now())
      WHERE id = $1 AND project_id = $2`,
    [documentId, projectId],
  );
}

/**
 * Deletes up to `batch` expired uploads that nothing refers to; answers their ids and storage
 * keys, for their files to go too. SKIP LOCKED: two sweepers never wait on each other's rows.
 */
export async function deleteExpiredPlanDocuments(
  db: Queryable,
  batch: number,
): Promise<{ id: string; storageKey: string }[]> {
  // TypeORM answers a DELETE with [rows returned, rows deleted].
  const [deleted]: [{ id: string; storageKey: string }[], number] = await db.query(
    `DELETE FROM plan_documents WHERE id IN (
        SELECT id FROM plan_documents
         WHERE referenced_at IS NULL AND expires_at < now()
         ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id, storage_key AS "storageKey"`,
    [batch],
  );
  return deleted;
}

/**
 * The id of an upload of this project with exactly this content and name, if one is stored:
 * the seed uploads each demo plan once, so running it again sends the same documentId.
 */
export async function uploadedDocumentWithContent(
  db: Queryable,
  projectId: string,
  sha256: string,
  fileName: string,
): Promise<string | undefined> {
  const rows: { id: string }[] = await db.query(
    `SELECT id FROM plan_documents WHERE project_id = $1 AND sha256 = $2 AND file_name = $3
      ORDER BY uploaded_at LIMIT 1`,
    [projectId, sha256, fileName],
  );
  return rows[0]?.id;
}
