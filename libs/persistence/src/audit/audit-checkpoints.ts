import { sign, verify } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuditPublicKey, AuditSigningKey } from '@app/config';
import { canonicalJson } from '@app/domain';
import { isoTime } from '../sql-time';
import { verifyAuditChain } from './audit-chain.verifier';

/** A signed statement about the chain's head, as stored and as served to reviewers. */
export interface AuditCheckpointView {
  seq: string;
  hash: string;
  signedAt: string;
  /** base64 Ed25519 signature of `auditCheckpointStatement(seq, hash, signedAt)`. */
  signature: string;
  keyId: string;
  publicKey: string;
}

export interface AuditTrailVerification {
  intact: boolean;
  /** Rows of the chain that verified (up to the first broken one). */
  rows: number;
  headSeq: string | null;
  headHash: string | null;
  checkpoints: {
    total: number;
    /** Checkpoints whose row still has the signed hash (and whose signature verified). */
    matched: number;
    latestSeq: string | null;
    /** False when no trusted key is configured: only the chain and the hashes were compared. */
    signaturesChecked: boolean;
  };
  /** The first row that was changed, removed or reordered, or that a checkpoint contradicts. */
  brokenAtSeq: string | null;
  problem: string | null;
  summary: string;
}

export class AuditChainBrokenError extends Error {
  constructor(readonly verification: AuditTrailVerification) {
    super(`the audit chain does not verify, so it is not signed: ${verification.summary}`);
    this.name = 'AuditChainBrokenError';
  }
}

/**
 * The exact bytes a checkpoint signs: RFC 8785 JSON with a purpose tag, so a signature made
 * for anything else can never pass as a checkpoint.
 */
export function auditCheckpointStatement(seq: string, hash: string, signedAt: string): string {
  return canonicalJson({ purpose: 'incubation-audit-checkpoint', seq, hash, signedAt });
}

const CHECKPOINT_COLUMNS = `seq::text AS seq, hash, ${isoTime('signed_at')} AS "signedAt",
  signature, key_id AS "keyId", public_key AS "publicKey"`;

/** Every stored checkpoint, oldest sequence first. */
export async function listAuditCheckpoints(dataSource: DataSource): Promise<AuditCheckpointView[]> {
  const rows: AuditCheckpointView[] = await dataSource.query(
    `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints
      ORDER BY audit_checkpoints.seq, audit_checkpoints.signed_at`,
  );
  return rows;
}

/**
 * Signs the chain's current head and stores the checkpoint. The whole trail is verified first:
 * signing a tampered chain would bless the tampering. Returns null when there is nothing new to
 * sign (an empty chain, or `onlyIfAdvanced` and the head is already checkpointed).
 */
export async function signAuditCheckpoint(
  dataSource: DataSource,
  key: AuditSigningKey,
  options: { onlyIfAdvanced?: boolean; now?: Date } = {},
): Promise<AuditCheckpointView | null> {
  const trail = await verifyAuditTrail(dataSource, [key]);
  if (!trail.intact) throw new AuditChainBrokenError(trail);
  if (trail.headSeq === null || trail.headHash === null) return null;
  if (options.onlyIfAdvanced && trail.checkpoints.latestSeq === trail.headSeq) return null;
  const signedAt = (options.now ?? new Date()).toISOString();
  const statement = auditCheckpointStatement(trail.headSeq, trail.headHash, signedAt);
  const signature = sign(null, Buffer.from(statement, 'utf8'), key.privateKey).toString('base64');
  const rows: AuditCheckpointView[] = await dataSource.query(
    `INSERT INTO audit_checkpoints (seq, hash, signed_at, signature, key_id, public_key)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${CHECKPOINT_COLUMNS}`,
    [trail.headSeq, trail.headHash, signedAt, signature, key.keyId, key.publicKeyPem],
  );
  return rows[0];
}

/** Whether `checkpoint` carries a valid signature by one of `trustedKeys`; why not otherwise. */
export function checkpointSignatureProblem(
  checkpoint: AuditCheckpointView,
  trustedKeys: readonly AuditPublicKey[],
): string | null {
  const key = trustedKeys.find((candidate) => candidate.keyId === checkpoint.keyId);
  if (!key) return `is signed by key ${checkpoint.keyId}, which is not a trusted key`;
  const valid = verify(
    null,
    Buffer.from(
      auditCheckpointStatement(checkpoint.seq, checkpoint.hash, checkpoint.signedAt),
      'utf8',
    ),
    key.publicKey,
    Buffer.from(checkpoint.signature, 'base64'),
  );
  return valid ? null : 'has a signature that does not verify (the checkpoint was altered)';
}

/**
 * Walks the chain (`verifyAuditChain`: gaps, links, canonical text, hashes) and then holds it
 * against every signed checkpoint: the row at a checkpoint's sequence must still exist with the
 * signed hash. So rows deleted from the end, a TRUNCATE, or a tail rewritten with every hash
 * recomputed (which the chain alone cannot reveal) are named too.
 */
export async function verifyAuditTrail(
  dataSource: DataSource,
  trustedKeys: readonly AuditPublicKey[],
): Promise<AuditTrailVerification> {
  const chain = await verifyAuditChain(dataSource);
  const checkpoints = await listAuditCheckpoints(dataSource);
  const signaturesChecked = trustedKeys.length > 0;
  const base = {
    rows: chain.rows,
    headSeq: chain.intact ? chain.headSeq : null,
    headHash: chain.intact && chain.headSeq !== null ? chain.headHash : null,
  };
  const counts = (matched: number) => ({
    total: checkpoints.length,
    matched,
    latestSeq: checkpoints.at(-1)?.seq ?? null,
    signaturesChecked,
  });
  if (!chain.intact) {
    return broken(base, counts(0), chain.brokenAtSeq, chain.problem);
  }
  const headSeq = BigInt(chain.headSeq ?? '0');
  const hashes = await rowHashes(
    dataSource,
    checkpoints.map((checkpoint) => checkpoint.seq).filter((seq) => BigInt(seq) <= headSeq),
  );
  let matched = 0;
  let lastMatchedSeq = '0';
  for (const checkpoint of checkpoints) {
    const described = `the checkpoint of seq ${checkpoint.seq} signed at ${checkpoint.signedAt}`;
    const signatureProblem = signaturesChecked
      ? checkpointSignatureProblem(checkpoint, trustedKeys)
      : null;
    if (signatureProblem) {
      return broken(base, counts(matched), checkpoint.seq, `${described} ${signatureProblem}`);
    }
    if (BigInt(checkpoint.seq) > headSeq) {
      const first = (headSeq + 1n).toString();
      return broken(
        base,
        counts(matched),
        first,
        `${described} covers rows that are gone: the chain ends at seq ${headSeq} ` +
          `(rows ${first}–${checkpoint.seq} were removed from the end, or the table was emptied)`,
      );
    }
    if (hashes.get(checkpoint.seq) !== checkpoint.hash) {
      return broken(
        base,
        counts(matched),
        checkpoint.seq,
        `row ${checkpoint.seq}'s hash differs from ${described}: rows after seq ` +
          `${lastMatchedSeq} up to ${checkpoint.seq} were rewritten (hashes recomputed)`,
      );
    }
    matched += 1;
    lastMatchedSeq = checkpoint.seq;
  }
  const signed = signaturesChecked
    ? `${matched} signed checkpoint${matched === 1 ? '' : 's'} verified`
    : `${matched} checkpoint${matched === 1 ? '' : 's'} matched (signatures not checked: no key configured)`;
  return {
    intact: true,
    ...base,
    checkpoints: counts(matched),
    brokenAtSeq: null,
    problem: null,
    summary: `intact, ${chain.rows} rows, head hash ${chain.headHash}; ${signed}`,
  };
}

function broken(
  base: Pick<AuditTrailVerification, 'rows' | 'headSeq' | 'headHash'>,
  checkpoints: AuditTrailVerification['checkpoints'],
  brokenAtSeq: string,
  problem: string,
): AuditTrailVerification {
  return {
    intact: false,
    ...base,
    checkpoints,
    brokenAtSeq,
    problem,
    summary: `broken at seq ${brokenAtSeq}: ${problem}`,
  };
}

async function rowHashes(dataSource: DataSource, seqs: string[]): Promise<Map<string, string>> {
  if (seqs.length === 0) return new Map();
  const rows: { seq: string; hash: string }[] = await dataSource.query(
    'SELECT seq::text AS seq, hash FROM audit_events WHERE seq = ANY($1::bigint[])',
    [seqs],
  );
  return new Map(rows.map((row) => [row.seq, row.hash]));
}
