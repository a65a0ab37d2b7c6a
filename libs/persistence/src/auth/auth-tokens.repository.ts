import type { Queryable } from '../queryable';

/** A bearer token's row with its user's, as authentication needs them. */
export interface TokenWithUser {
  id: string;
  kind: string;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  userId: string;
  username: string;
  role: string;
  mentorId: string | null;
  active: boolean;
}

/**
 * The token with this hash and its user. Every request runs this: one plain SQL round trip
 * rather than the repository's relation-loading query, whose building and hydrating cost more
 * than the query itself (bench/README.md, P4).
 */
export async function tokenWithUser(
  db: Queryable,
  tokenHash: string,
): Promise<TokenWithUser | undefined> {
  const rows: TokenWithUser[] = await db.query(
    `SELECT t.id, t.kind, t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt",
            t.last_used_at AS "lastUsedAt", u.id AS "userId", u.username, u.role,
            u.mentor_id AS "mentorId", u.active
       FROM auth_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1`,
    [tokenHash],
  );
  return rows[0];
}
