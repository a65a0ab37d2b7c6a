import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppendedAuditEntry, appendAuditEntry } from '@app/persistence';
import type { AuditEntryInput } from '@app/workflows/activities.types';

export type { AppendedAuditEntry } from '@app/persistence';

export function auditIdempotencyKey(entry: AuditEntryInput): string {
  return `${entry.workflowId}/${entry.runId}/${entry.eventRef}`;
}

/** A project's transitions on the one global chain (appendAuditEntry holds the rules). */
@Injectable()
export class AuditChainWriter {
  append(manager: EntityManager, entry: AuditEntryInput): Promise<AppendedAuditEntry> {
    return appendAuditEntry(manager, { ...entry, idempotencyKey: auditIdempotencyKey(entry) });
  }
}
