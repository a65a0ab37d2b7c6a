import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sha256Hex } from '@app/domain';
import { AUDIT_CHAIN_LOCK_KEY, auditCanonicalContent, GENESIS_HASH } from '@app/persistence';
import type { AuditEntryInput } from '@app/workflows/activities.types';

export interface AppendedAuditEntry {
  seq: string;
  hash: string;
  /** False when the entry was already there (a retried activity). */
  inserted: boolean;
}

export function auditIdempotencyKey(entry: AuditEntryInput): string {
  return `${entry.workflowId}/${entry.runId}/${entry.eventRef}`;
}

/**
 * Appends to the one global chain. The advisory lock (held to the end of the caller's
 * transaction) serialises appenders, so sequence numbers are gap-free and each entry links to
 * the true previous head; the application's role may not lock the table itself.
 */
@Injectable()
export class AuditChainWriter {
  async append(manager: EntityManager, entry: AuditEntryInput): Promise<AppendedAuditEntry> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK_KEY]);
    const key = auditIdempotencyKey(entry);
    const existing: { seq: string; hash: string }[] = await manager.query(
      'SELECT seq::text AS seq, hash FROM audit_events WHERE idempotency_key = $1',
      [key],
    );
    if (existing.length > 0) return { ...existing[0], inserted: false };

    // Ordered by the bigint column, not the text alias: '9' sorts after '10'.
    const head: { seq: string; hash: string }[] = await manager.query(
      'SELECT seq::text AS seq, hash FROM audit_events ORDER BY audit_events.seq DESC LIMIT 1',
    );
    const seq = head.length > 0 ? (BigInt(head[0].seq) + 1n).toString() : '1';
    const prevHash = head.length > 0 ? head[0].hash : GENESIS_HASH;
    // Normalised to what the timestamptz column gives back, so the verifier rebuilds the same text.
    const workflowTime = new Date(entry.workflowTime).toISOString();
    const canonical = auditCanonicalContent({
      seq,
      projectId: entry.projectId,
      workflowId: entry.workflowId,
      runId: entry.runId,
      eventRef: entry.eventRef,
      kind: entry.kind,
      eventType: entry.eventType,
      actor: entry.actor,
      workflowTime,
      payload: entry.payload,
      decisionId: entry.decision?.decisionId ?? null,
      decisionHash: entry.decision?.hash ?? null,
      decisionResult: entry.decision?.result ?? null,
    });
    const hash = sha256Hex(prevHash + canonical);
    await manager.query(
      `INSERT INTO audit_events (seq, idempotency_key, project_id, workflow_id, run_id, event_ref,
         kind, event_type, actor, workflow_time, payload, decision_id, decision_hash,
         decision_result, canonical, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        seq,
        key,
        entry.projectId,
        entry.workflowId,
        entry.runId,
        entry.eventRef,
        entry.kind,
        entry.eventType,
        entry.actor === null ? null : JSON.stringify(entry.actor),
        workflowTime,
        JSON.stringify(entry.payload),
        entry.decision?.decisionId ?? null,
        entry.decision?.hash ?? null,
        entry.decision ? JSON.stringify(entry.decision.result) : null,
        canonical,
        prevHash,
        hash,
      ],
    );
    return { seq, hash, inserted: true };
  }
}
