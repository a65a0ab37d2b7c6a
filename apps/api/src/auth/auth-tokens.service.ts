import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import type { ActorRole } from '@app/domain';
import { AuthToken } from '@app/persistence';
import type { SecurityReason } from '../security-log/security-reasons';
import type { AuthenticatedCaller } from './authenticated-caller';
import { generateToken, hashToken, TokenKind } from './bearer-tokens';

export interface IssuedToken {
  id: string;
  kind: TokenKind;
  name: string;
  /** The bearer token itself: shown this once, never stored. */
  token: string;
  expiresAt: Date;
}

export type Authentication =
  | { ok: true; caller: AuthenticatedCaller }
  | {
      ok: false;
      reason: Extract<
        SecurityReason,
        'unknown-token' | 'expired-token' | 'revoked-token' | 'inactive-user'
      >;
      tokenId?: string;
      user?: { userId: string; username: string; role: string };
    };

/** A token's row with its user's, as the authentication query returns them. */
interface TokenWithUser {
  id: string;
  kind: string;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  user_id: string;
  username: string;
  role: string;
  mentor_id: string | null;
  active: boolean;
}

/** last_used_at is written at most this often per token, not on every request. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** Issues, resolves and revokes bearer tokens. Only their sha256 reaches the database. */
@Injectable()
export class AuthTokensService {
  constructor(@InjectRepository(AuthToken) private readonly tokens: Repository<AuthToken>) {}

  async issue(
    userId: string,
    kind: TokenKind,
    name: string,
    expiresAt: Date,
    manager?: EntityManager,
  ): Promise<IssuedToken> {
    const token = generateToken(kind);
    const tokens = this.within(manager);
    const row = await tokens.save(
      tokens.create({ userId, kind, name, tokenHash: hashToken(token), expiresAt }),
    );
    return { id: row.id, kind, name, token, expiresAt };
  }

  /** Finds the caller behind a well-formed token, or says why the token is refused. */
  async authenticate(token: string, now = new Date()): Promise<Authentication> {
    // Every request runs this: one plain SQL round trip rather than the repository's
    // relation-loading query, whose building and hydrating cost more than the query itself
    // (bench/README.md, P4).
    const rows: TokenWithUser[] = await this.tokens.query(
      `SELECT t.id, t.kind, t.expires_at, t.revoked_at, t.last_used_at,
              u.id AS user_id, u.username, u.role, u.mentor_id, u.active
         FROM auth_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return { ok: false, reason: 'unknown-token' };
    const user = { userId: row.user_id, username: row.username, role: row.role };
    if (row.revoked_at) return { ok: false, reason: 'revoked-token', tokenId: row.id, user };
    if (row.expires_at <= now) return { ok: false, reason: 'expired-token', tokenId: row.id, user };
    if (!row.active) return { ok: false, reason: 'inactive-user', tokenId: row.id, user };
    // The row we just read says whether lastUsedAt is stale; checking it here saves every
    // request within the granularity a round trip to PostgreSQL (bench/README.md, P2 and P4).
    // The conditional UPDATE still guards against concurrent requests writing it twice.
    const staleBefore = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
    if (!row.last_used_at || row.last_used_at < staleBefore) {
      await this.tokens.update(
        [
          { id: row.id, lastUsedAt: IsNull() },
          { id: row.id, lastUsedAt: LessThan(staleBefore) },
        ],
        { lastUsedAt: now },
      );
    }
    return {
      ok: true,
      caller: {
        userId: row.user_id,
        username: row.username,
        role: row.role as ActorRole,
        mentorId: row.mentor_id,
        tokenId: row.id,
        tokenKind: row.kind as TokenKind,
      },
    };
  }

  /** Revokes one token; revoking it again keeps the first revocation time. */
  async revoke(tokenId: string, now = new Date(), manager?: EntityManager): Promise<void> {
    await this.within(manager).update({ id: tokenId, revokedAt: IsNull() }, { revokedAt: now });
  }

  /** Ends every open session of a user (after a password change or deactivation). */
  async revokeSessionsOf(userId: string, now = new Date(), manager?: EntityManager): Promise<void> {
    await this.within(manager).update(
      { userId, kind: 'session', revokedAt: IsNull() },
      { revokedAt: now },
    );
  }

  /** The repository, or the same one inside an administration change's transaction. */
  private within(manager: EntityManager | undefined): Repository<AuthToken> {
    return manager ? manager.getRepository(AuthToken) : this.tokens;
  }
}
