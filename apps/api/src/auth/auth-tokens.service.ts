import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import type { ActorRole } from '@app/domain';
import { AuthToken, tokenWithUser } from '@app/persistence';
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
    // One plain SQL round trip (bench/README.md, P4).
    const row = await tokenWithUser(this.tokens.manager, hashToken(token));
    if (!row) return { ok: false, reason: 'unknown-token' };
    const user = { userId: row.userId, username: row.username, role: row.role };
    if (row.revokedAt) return { ok: false, reason: 'revoked-token', tokenId: row.id, user };
    if (row.expiresAt <= now) return { ok: false, reason: 'expired-token', tokenId: row.id, user };
    if (!row.active) return { ok: false, reason: 'inactive-user', tokenId: row.id, user };
    // The row we just read says whether lastUsedAt is stale; checking it here saves every
    // request within the granularity a round trip to PostgreSQL (bench/README.md, P2 and P4).
    // The conditional UPDATE still guards against concurrent requests writing it twice.
    const staleBefore = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
    if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
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
        userId: row.userId,
        username: row.username,
        role: row.role as ActorRole,
        mentorId: row.mentorId,
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
