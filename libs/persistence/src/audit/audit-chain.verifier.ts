import { DataSource } from 'typeorm';
import { isoTime } from '../sql-time';
import { readAuditChainFormats } from './audit-chain.append';
import { AuditChainFormats, auditLinkHash, linkFormulaAt } from './audit-chain.links';
import {
  AuditEntryContent,
  auditCanonicalContent,
  AuditEntryKind,
  GENESIS_HASH,
} from './audit-entry.canonical';

export type ChainVerification =
  | { intact: true; rows: number; headSeq: string | null; headHash: string }
  | { intact: false; rows: number; brokenAtSeq: string; problem: string };

/** An audit_events row as SQL returns it (workflow_time rendered as ISO text). */
export interface AuditRow {
  seq: string;
  project_id: string | null;
  workflow_id: string | null;
  run_id: string | null;
  event_ref: string;
  kind: AuditEntryKind;
  event_type: string;
  actor: unknown;
  workflow_time: string;
  payload: unknown;
  decision_id: string | null;
  decision_hash: string | null;
  decision_result: unknown;
  canonical: string;
  prev_hash: string;
  hash: string;
}

const BATCH = 2_000;

/** The fields of a stored row that its hash covers, named as the canonical content names them. */
export function auditRowContent(row: AuditRow): AuditEntryContent {
  return {
    seq: row.seq,
    projectId: row.project_id,
    workflowId: row.workflow_id,
    runId: row.run_id,
    eventRef: row.event_ref,
    kind: row.kind,
    eventType: row.event_type,
    actor: row.actor,
    workflowTime: row.workflow_time,
    payload: row.payload,
    decisionId: row.decision_id,
    decisionHash: row.decision_hash,
    decisionResult: row.decision_result,
  };
}

/**
 * Walks the whole chain in sequence order and names the first row that was changed, removed
 * or reordered: the sequence must have no gap, each row must link to the previous hash, its
 * columns must match its canonical text and its hash must be its link: sha256(prev_hash +
 * canonical) before the recorded digest switch, sha256(prev_hash + sha256(canonical)) from it on.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<ChainVerification> {
  const formats = await readAuditChainFormats(dataSource);
  let expectedSeq = 1n;
  let previousHash = GENESIS_HASH;
  let rows = 0;
  let after = '0';
  for (;;) {
    const batch: AuditRow[] = await dataSource.query(
      `SELECT seq::text AS seq, project_id, workflow_id, run_id, event_ref, kind, event_type, actor,
              ${isoTime('workflow_time')} AS workflow_time,
              payload, decision_id, decision_hash, decision_result, canonical, prev_hash, hash
         FROM audit_events WHERE seq > $1 ORDER BY audit_events.seq LIMIT $2`,
      [after, BATCH],
    );
    for (const row of batch) {
      const problem = rowProblem(row, expectedSeq, previousHash, formats);
      if (problem) return { intact: false, rows, brokenAtSeq: row.seq, problem };
      rows += 1;
      expectedSeq += 1n;
      previousHash = row.hash;
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].seq;
  }
  return {
    intact: true,
    rows,
    headSeq: rows > 0 ? (expectedSeq - 1n).toString() : null,
    headHash: previousHash,
  };
}

function rowProblem(
  row: AuditRow,
  expectedSeq: bigint,
  previousHash: string,
  formats: AuditChainFormats,
): string | null {
  if (BigInt(row.seq) !== expectedSeq) {
    return `sequence gap: expected ${expectedSeq}, found ${row.seq} (rows removed or reordered)`;
  }
  if (row.prev_hash !== previousHash) {
    return `prev_hash does not match the hash of row ${expectedSeq - 1n}`;
  }
  const rebuilt = auditCanonicalContent(auditRowContent(row));
  if (rebuilt !== row.canonical) return "the row's columns differ from its canonical text";
  const formula = linkFormulaAt(row.seq, formats);
  if (auditLinkHash(formula, row.prev_hash, { canonical: row.canonical }) !== row.hash) {
    return formula === 'content-link'
      ? 'hash does not match sha256(prev_hash + canonical)'
      : 'hash does not match sha256(prev_hash + sha256(canonical))';
  }
  return null;
}
