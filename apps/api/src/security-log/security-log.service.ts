import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { SecurityEvent } from '@app/persistence';
import type { AuthenticatedRequest } from '../auth/authenticated-caller';
import { pathOf } from '../common/request-path';
import type { RefusedSubject } from './security-refusal.exception';
import type { SecurityReason } from './security-reasons';

export interface SecurityEventInput extends RefusedSubject {
  reason: SecurityReason;
  method: string;
  path: string;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export interface SecurityEventPage {
  items: SecurityEventView[];
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface SecurityEventView {
  id: string;
  occurredAt: Date;
  userId: string | null;
  username: string | null;
  role: string | null;
  method: string;
  path: string;
  reason: string;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface SecurityEventFilter {
  reason?: SecurityReason;
  userId?: string;
  username?: string;
  cursor?: string;
  limit: number;
}

const MAX_TEXT = 500;

/** The append-only log of refused attempts, readable by reviewers. */
@Injectable()
export class SecurityLogService {
  private readonly logger = new Logger(SecurityLogService.name);

  constructor(
    @InjectRepository(SecurityEvent) private readonly events: Repository<SecurityEvent>,
  ) {}

  /**
   * Writes one refusal. A failing write is logged and swallowed: the caller is refused anyway,
   * and a database hiccup must not turn a 401 into a 500.
   */
  async record(event: SecurityEventInput): Promise<void> {
    try {
      const row = this.events.create({
        reason: event.reason,
        method: event.method.slice(0, 16),
        path: event.path.slice(0, MAX_TEXT),
        ip: event.ip ?? null,
        userId: event.userId ?? null,
        username: event.username?.slice(0, MAX_TEXT) ?? null,
        role: event.role ?? null,
        detail: event.detail ?? {},
      });
      await this.events.save(row);
    } catch (error) {
      this.logger.error(
        `could not record security event ${event.reason} ${event.method} ${event.path}: ${(error as Error).message}`,
      );
    }
  }

  /** Records a refusal of `request`, naming its authenticated caller if it has one. */
  recordRequest(
    request: FastifyRequest,
    reason: SecurityReason,
    detail: Record<string, unknown> = {},
    subject: RefusedSubject = {},
  ): Promise<void> {
    const caller = (request as AuthenticatedRequest).caller;
    return this.record({
      reason,
      method: request.method,
      // The path without its query string: a query could carry anything.
      path: pathOf(request.originalUrl),
      ip: request.ip ?? null,
      userId: subject.userId ?? caller?.userId ?? null,
      username: subject.username ?? caller?.username ?? null,
      role: subject.role ?? caller?.role ?? null,
      detail,
    });
  }

  /** Newest first, paged by an opaque cursor (the insertion sequence). */
  async list(filter: SecurityEventFilter): Promise<SecurityEventPage> {
    const query = this.events
      .createQueryBuilder('event')
      .orderBy('event.seq', 'DESC')
      .limit(filter.limit + 1);
    if (filter.reason) query.andWhere('event.reason = :reason', { reason: filter.reason });
    if (filter.userId) query.andWhere('event.user_id = :userId', { userId: filter.userId });
    if (filter.username) query.andWhere('event.username = :username', filter);
    if (filter.cursor) query.andWhere('event.seq < :cursor', { cursor: filter.cursor });
    const rows = await query.getMany();
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        occurredAt: row.occurredAt,
        userId: row.userId,
        username: row.username,
        role: row.role,
        method: row.method,
        path: row.path,
        reason: row.reason,
        detail: row.detail,
        ip: row.ip,
      })),
      nextCursor: rows.length > filter.limit ? page[page.length - 1].seq : null,
    };
  }
}
