import { isUuid, Queryable } from '../queryable';

/** One in-app notification of a user (an outbox row of channel `in_app`). */
export interface InAppNotification {
  id: string;
  kind: string;
  projectId: string;
  action: string | null;
  dueAt: Date | null;
  subject: string;
  body: string;
  language: string;
  readAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `id, kind, project_id AS "projectId", action, due_at AS "dueAt", subject, body,
  language, read_at AS "readAt", created_at AS "createdAt"`;

/**
 * A page of the user's notifications, newest first, with the count of all that match (0 on a
 * page past the end, which has no row to carry it: ask {@link countInAppNotifications}).
 */
export async function inAppNotificationsPage(
  db: Queryable,
  userId: string,
  page: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: InAppNotification[]; total: number | undefined }> {
  const rows: (InAppNotification & { total: string })[] = await db.query(
    `SELECT ${COLUMNS}, count(*) OVER () AS total
       FROM notifications
      WHERE user_id = $1 AND channel = 'in_app' AND ($2::boolean = false OR read_at IS NULL)
      ORDER BY created_at DESC, id DESC
      LIMIT $3 OFFSET $4`,
    [userId, page.unreadOnly, page.limit, page.offset],
  );
  return {
    rows: rows.map(({ total: _total, ...row }) => row),
    total: rows.length > 0 ? Number(rows[0].total) : undefined,
  };
}

/** How many of the user's notifications there are (only the unread ones if asked). */
export async function countInAppNotifications(
  db: Queryable,
  userId: string,
  unreadOnly: boolean,
): Promise<number> {
  const rows: { total: number }[] = await db.query(
    `SELECT count(*)::int AS total FROM notifications
      WHERE user_id = $1 AND channel = 'in_app' AND ($2::boolean = false OR read_at IS NULL)`,
    [userId, unreadOnly],
  );
  return rows[0].total;
}

/** The user's notification; undefined when it is not theirs (or the id is not a uuid). */
export async function findInAppNotification(
  db: Queryable,
  userId: string,
  notificationId: string,
): Promise<InAppNotification | undefined> {
  if (!isUuid(notificationId)) return undefined;
  const rows: InAppNotification[] = await db.query(
    `SELECT ${COLUMNS} FROM notifications WHERE id = $1 AND user_id = $2 AND channel = 'in_app'`,
    [notificationId, userId],
  );
  return rows[0];
}

/** Marks the user's notification read, keeping its first read time; undefined if not theirs. */
export async function markInAppNotificationRead(
  db: Queryable,
  userId: string,
  notificationId: string,
): Promise<InAppNotification | undefined> {
  if (!isUuid(notificationId)) return undefined;
  // TypeORM answers an UPDATE with [rows returned, rows changed].
  const [rows]: [InAppNotification[], number] = await db.query(
    `UPDATE notifications SET read_at = coalesce(read_at, now())
      WHERE id = $1 AND user_id = $2 AND channel = 'in_app'
      RETURNING ${COLUMNS}`,
    [notificationId, userId],
  );
  return rows[0];
}

/** Marks every unread notification of the user read; answers how many it marked. */
export async function markAllInAppNotificationsRead(
  db: Queryable,
  userId: string,
): Promise<number> {
  const result: [unknown[], number] = await db.query(
    `UPDATE notifications SET read_at = now()
      WHERE user_id = $1 AND channel = 'in_app' AND read_at IS NULL`,
    [userId],
  );
  return result[1];
}
