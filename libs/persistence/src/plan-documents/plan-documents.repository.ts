import type { Queryable } from '../queryable';

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
