import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { appendAuditEntry } from '@app/persistence';
import type { AuthenticatedCaller } from '../auth/authenticated-caller';

/**
 * Who made an administration change: the caller behind the bearer token, or (with no token)
 * the command-line tool or the demo seeder, named as such.
 */
export interface AdminAuditActor {
  userId: string | null;
  username: string;
  role: string;
  /** 'session' or 'api' for a token; 'cli' or 'seed' for the tools that run without one. */
  via: string;
}

export function adminActorOf(caller: AuthenticatedCaller): AdminAuditActor {
  return {
    userId: caller.userId,
    username: caller.username,
    role: caller.role,
    via: caller.tokenKind,
  };
}

export const SEED_ACTOR: AdminAuditActor = {
  userId: null,
  username: 'demo-seed',
  role: 'system',
  via: 'seed',
};

/** What was changed: the kind of record and its id (a user id, a mentor id, a date…). */
export interface AdminTarget {
  kind: 'user' | 'apiToken' | 'mentor' | 'calendarOverride' | 'fundBudget' | (string & {});
  id: string;
}

/** What one change did, for its audit row. Never put a secret (password, token) in `details`. */
export interface AdminChange<T> {
  result: T;
  target: AdminTarget;
  details: Record<string, unknown>;
}

/** Operations are named in the past tense, like the chain's other events. */
export type AdminOperation =
  | 'userCreated'
  | 'userChanged'
  | 'userDeactivated'
  | 'apiTokenIssued'
  | 'apiTokenRevoked'
  | 'mentorCreated'
  | 'mentorChanged'
  | 'mentorDeactivated'
  | 'mentorReactivated'
  | 'mentorProfileChanged'
  | 'calendarOverrideSet'
  | 'calendarOverrideRemoved'
  | 'fundBudgetSet'
  | (string & {});

/**
 * The one way an administration change is made: the change and its row in the audit chain
 * (kind 'admin', no project, no run) commit in one transaction, so there is never a change
 * without its row, nor a row for a change that was refused. Every admin operation (users,
 * roles, API tokens, mentors, calendar overrides, fund budgets) goes through `audited`.
 */
@Injectable()
export class AdminAuditService {
  constructor(private readonly dataSource: DataSource) {}

  audited<T>(
    actor: AdminAuditActor,
    operation: AdminOperation,
    change: (manager: EntityManager) => Promise<AdminChange<T>>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const { result, target, details } = await change(manager);
      await this.record(manager, actor, operation, target, details);
      return result;
    });
  }

  /** Appends the row inside a transaction the caller already holds. */
  async record(
    manager: EntityManager,
    actor: AdminAuditActor,
    operation: AdminOperation,
    target: AdminTarget,
    details: Record<string, unknown>,
  ): Promise<{ seq: string; hash: string }> {
    const operationId = randomUUID();
    const appended = await appendAuditEntry(manager, {
      idempotencyKey: `admin/${operationId}`,
      projectId: null,
      workflowId: null,
      runId: null,
      eventRef: `admin:${operationId}`,
      kind: 'admin',
      eventType: operation,
      actor,
      workflowTime: new Date().toISOString(),
      payload: { target, ...details },
    });
    return { seq: appended.seq, hash: appended.hash };
  }
}

/** Fields that changed, as `{ field: { from, to } }`, for an update's audit row. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
    }
  }
  return changes;
}
