import { EntityManager } from 'typeorm';
import { auditLinkHash, AuditChainFormats, linkFormulaAt } from './audit-chain.links';
import {
  AUDIT_CHAIN_LOCK_KEY,
  auditCanonicalContent,
  AuditEntryContent,
  GENESIS_HASH,
} from './audit-entry.canonical';

/** One entry to append; a project's rows name its run, an administration row names none. */
export interface AuditAppend extends Omit<
  AuditEntryContent,
  'seq' | 'payload' | 'decisionId' | 'decisionHash' | 'decisionResult'
> {
  /** A retried append finds its row by this key and writes nothing twice. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
  decision?: { decisionId: string; hash: string; result: Record<string, unknown> };
}

export interface AppendedAuditEntry {
  seq: string;
  hash: string;
  /** False when the entry was already there (a retried activity). */
  inserted: boolean;
}

/** Reads where the digest link starts; null while no row has been written with it. */
export async function readAuditChainFormats(
  manager: Pick<EntityManager, 'query'>,
): Promise<AuditChainFormats> {
  const rows: { from_seq: string }[] = await manager.query(
    `SELECT from_seq::text AS from_seq FROM audit_chain_formats WHERE formula = 'digest-link'`,
  );
  return { digestLinksFromSeq: rows[0]?.from_seq ?? null };
}

/**
 * Appends to the one global chain, inside the caller's transaction. The advisory lock (held to
 * the end of that transaction) serialises appenders, so sequence numbers are gap-free and each
 * entry links to the true previous head; the application's role may not lock the table itself.
 * The first append by this code records the digest-link switch at its own sequence.
 */
export async function appendAuditEntry(
  manager: EntityManager,
  entry: AuditAppend,
): Promise<AppendedAuditEntry> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK_KEY]);
  const existing: { seq: string; hash: string }[] = await manager.query(
    'SELECT seq::text AS seq, hash FROM audit_events WHERE idempotency_key = $1',
    [entry.idempotencyKey],
  );
  if (existing.length > 0) return { ...existing[0], inserted: false };

  // Ordered by the bigint column, not the text alias: '9' sorts after '10'.
  const head: { seq: string; hash: string }[] = await manager.query(
    'SELECT seq::text AS seq, hash FROM audit_events ORDER BY audit_events.seq DESC LIMIT 1',
  );
  const seq = head.length > 0 ? (BigInt(head[0].seq) + 1n).toString() : '1';
  const prevHash = head.length > 0 ? head[0].hash : GENESIS_HASH;
  let formats = await readAuditChainFormats(manager);
  if (formats.digestLinksFromSeq === null) {
    await manager.query(
      `INSERT INTO audit_chain_formats (formula, from_seq) VALUES ('digest-link', $1)`,
      [seq],
    );
    formats = { digestLinksFromSeq: seq };
  }
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
  const hash = auditLinkHash(linkFormulaAt(seq, formats), prevHash, { canonical });
  await manager.query(
    `INSERT INTO audit_events (seq, idempotency_key, project_id, workflow_id, run_id, event_ref,
       kind, event_type, actor, workflow_time, payload, decision_id, decision_hash,
       decision_result, canonical, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      seq,
      entry.idempotencyKey,
      entry.projectId,
      entry.workflowId,
      entry.runId,
      entry.eventRef,
      entry.kind,
      entry.eventType,
      entry.actor === null || entry.actor === undefined ? null : JSON.stringify(entry.actor),
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
