import { canonicalJson } from '@app/domain';

/** Any fixed 64-bit number, shared by every writer of the chain. */
export const AUDIT_CHAIN_LOCK_KEY = 7_421_001;

/** The previous hash of the chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntryKind = 'decision' | 'system' | 'admin';

/** The fields of an audit entry that its hash covers (everything but the hashes). */
export interface AuditEntryContent {
  seq: string;
  /** Null only for administration rows ('admin'), which belong to no project or run. */
  projectId: string | null;
  workflowId: string | null;
  runId: string | null;
  eventRef: string;
  kind: AuditEntryKind;
  eventType: string;
  actor: unknown;
  workflowTime: string;
  payload: unknown;
  decisionId: string | null;
  decisionHash: string | null;
  decisionResult: unknown;
}

/**
 * The RFC 8785 JSON the hash covers. The writer stores it as text; the verifier rebuilds it
 * from the row's columns, so a column changed without recomputing the text is detected too.
 */
export function auditCanonicalContent(content: AuditEntryContent): string {
  return canonicalJson({
    seq: content.seq,
    projectId: content.projectId,
    workflowId: content.workflowId,
    runId: content.runId,
    eventRef: content.eventRef,
    kind: content.kind,
    eventType: content.eventType,
    actor: content.actor ?? null,
    workflowTime: content.workflowTime,
    payload: content.payload,
    decisionId: content.decisionId,
    decisionHash: content.decisionHash,
    decisionResult: content.decisionResult ?? null,
  });
}
