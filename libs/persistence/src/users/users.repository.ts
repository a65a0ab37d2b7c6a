import type { Queryable } from '../queryable';

/** The display names of the users among `userIds` (ids given as text, any of them unknown). */
export async function displayNamesOf(
  db: Queryable,
  userIds: string[],
): Promise<Map<string, string>> {
  const users: { id: string; displayName: string }[] = await db.query(
    'SELECT id::text AS id, display_name AS "displayName" FROM users WHERE id::text = ANY($1::text[])',
    [userIds],
  );
  return new Map(users.map((user) => [user.id, user.displayName]));
}

/** The id of the user signing in with this name, if any. */
export async function userIdByUsername(
  db: Queryable,
  username: string,
): Promise<string | undefined> {
  const rows: { id: string }[] = await db.query('SELECT id FROM users WHERE username = $1', [
    username,
  ]);
  return rows[0]?.id;
}

export interface NotificationPreferences {
  language: 'zh' | 'en';
  emailNotifications: boolean;
  email: string | null;
}

/** How the user wants to be notified; undefined for an unknown user. */
export async function notificationPreferencesOf(
  db: Queryable,
  userId: string,
): Promise<NotificationPreferences | undefined> {
  const rows: NotificationPreferences[] = await db.query(
    `SELECT language, email_notifications AS "emailNotifications", email
       FROM users WHERE id = $1`,
    [userId],
  );
  return rows[0];
}

/** Changes the preferences given; a field left undefined keeps its value. */
export async function updateNotificationPreferences(
  db: Queryable,
  userId: string,
  change: Partial<Pick<NotificationPreferences, 'language' | 'emailNotifications'>>,
): Promise<void> {
  await db.query(
    `UPDATE users SET language = coalesce($2, language),
                      email_notifications = coalesce($3, email_notifications)
      WHERE id = $1`,
    [userId, change.language ?? null, change.emailNotifications ?? null],
  );
}
