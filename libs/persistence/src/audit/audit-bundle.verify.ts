import type { AuditPublicKey } from '@app/config';
import { canonicalJson } from '@app/domain';
import { auditLinkHash, linkFormulaAt } from './audit-chain.links';
import { AuditCheckpointView, checkpointSignatureProblem } from './audit-checkpoints';
import { GENESIS_HASH } from './audit-entry.canonical';

export const AUDIT_BUNDLE_FORMAT = 'incubation-audit-bundle/1';

/** A row of the bundle's scope (or one from before the digest switch): its whole content. */
export interface AuditBundleFullRow {
  seq: string;
  /** The RFC 8785 JSON the chain covers: every column of the row but the hashes. */
  canonical: string;
  hash: string;
}

/** A row outside the scope: only the digest its link covers, not its content. */
export interface AuditBundleDigestRow {
  seq: string;
  digest: string;
  hash: string;
}

export type AuditBundleRow = AuditBundleFullRow | AuditBundleDigestRow;

/** Where a bundle starts: the chain's beginning, or a signed checkpoint. */
export type AuditBundleStart = { seq: '0'; hash: string; genesis: true } | AuditCheckpointView;

/**
 * A piece of the audit chain that verifies with no database: from one signed checkpoint (or
 * the chain's beginning) to another, every row in between, in full for the scope and as a
 * digest for the rest. Kept outside the center, it proves later that nothing was rewritten.
 */
export interface AuditBundle {
  format: typeof AUDIT_BUNDLE_FORMAT;
  scope: { projectId: string } | { from: string; to: string };
  exportedAt: string;
  /** From which sequence on links cover sha256(canonical); null: every row links its text. */
  digestLinksFromSeq: string | null;
  start: AuditBundleStart;
  end: AuditCheckpointView;
  rows: AuditBundleRow[];
}

export interface AuditBundleVerification {
  intact: boolean;
  rows: number;
  /** Rows carried in full (the scope's, plus any from before the digest switch). */
  fullRows: number;
  fromSeq: string;
  toSeq: string;
  /** The ids of the keys that signed the two checkpoints, and whose keys were trusted. */
  signedBy: string[];
  keysFrom: 'trusted' | 'bundle';
  brokenAtSeq: string | null;
  problem: string | null;
  summary: string;
}

const isGenesis = (
  start: AuditBundleStart,
): start is Extract<AuditBundleStart, { genesis: true }> =>
  'genesis' in start && start.genesis === true;

/**
 * Verifies a bundle offline: both checkpoints' signatures, then the chain from the start's
 * hash through every row (no sequence may be missing; each row's hash must be its link, from
 * its content or its digest) to exactly the end checkpoint's hash. Names the first row that
 * was changed or dropped. With no trusted keys given, the keys the bundle carries are used
 * and the summary says so: compare their ids with the ones the center publishes.
 */
export function verifyAuditBundle(
  bundle: AuditBundle,
  trustedKeys: readonly AuditPublicKey[],
  bundleKeys: readonly AuditPublicKey[],
): AuditBundleVerification {
  const keysFrom: 'trusted' | 'bundle' = trustedKeys.length > 0 ? 'trusted' : 'bundle';
  const keys = keysFrom === 'trusted' ? trustedKeys : bundleKeys;
  const start = bundle.start;
  const base = {
    rows: 0,
    fullRows: 0,
    fromSeq: start.seq,
    toSeq: bundle.end.seq,
    signedBy: [...new Set([...(isGenesis(start) ? [] : [start.keyId]), bundle.end.keyId])],
    keysFrom,
  };
  const fail = (
    counts: { rows: number; fullRows: number },
    seq: string,
    problem: string,
  ): AuditBundleVerification => ({
    ...base,
    ...counts,
    intact: false,
    brokenAtSeq: seq,
    problem,
    summary: `broken at seq ${seq}: ${problem}`,
  });

  // A file from elsewhere may carry anything: the type says what it should be, not what it is.
  if ((bundle.format as string) !== AUDIT_BUNDLE_FORMAT) {
    return fail(base, start.seq, 'not an audit bundle of format incubation-audit-bundle/1');
  }
  if (isGenesis(start)) {
    if (start.hash !== GENESIS_HASH) {
      return fail(base, '0', 'the bundle starts at the chain’s beginning with a wrong hash');
    }
  } else {
    const problem = checkpointSignatureProblem(start, keys);
    if (problem) return fail(base, start.seq, `the start checkpoint ${problem}`);
  }
  const endProblem = checkpointSignatureProblem(bundle.end, keys);
  if (endProblem) return fail(base, bundle.end.seq, `the end checkpoint ${endProblem}`);

  const formats = { digestLinksFromSeq: bundle.digestLinksFromSeq };
  let previousHash = start.hash;
  let expected = BigInt(start.seq) + 1n;
  const counts = { rows: 0, fullRows: 0 };
  for (const row of bundle.rows) {
    if (BigInt(row.seq) !== expected) {
      const missing =
        BigInt(row.seq) > expected ? 'is missing (dropped from the bundle)' : 'is out of order';
      return fail(counts, expected.toString(), `row ${expected} ${missing}`);
    }
    const formula = linkFormulaAt(row.seq, formats);
    let computed: string;
    if ('canonical' in row) {
      const problem = contentProblem(row);
      if (problem) return fail(counts, row.seq, problem);
      computed = auditLinkHash(formula, previousHash, { canonical: row.canonical });
      counts.fullRows += 1;
    } else {
      if (formula === 'content-link') {
        return fail(
          counts,
          row.seq,
          `row ${row.seq} predates the digest switch but carries no content`,
        );
      }
      computed = auditLinkHash(formula, previousHash, { digest: row.digest });
    }
    if (computed !== row.hash) {
      return fail(
        counts,
        row.seq,
        `row ${row.seq}'s hash does not match its ${'canonical' in row ? 'content' : 'digest'} and the previous row's hash (changed)`,
      );
    }
    previousHash = row.hash;
    counts.rows += 1;
    expected += 1n;
  }
  const lastSeq = (expected - 1n).toString();
  if (lastSeq !== bundle.end.seq) {
    return fail(
      counts,
      expected.toString(),
      `the rows end at seq ${lastSeq} but the end checkpoint is at seq ${bundle.end.seq} (rows dropped)`,
    );
  }
  if (previousHash !== bundle.end.hash) {
    return fail(
      counts,
      bundle.end.seq,
      'the chain does not reach the hash the end checkpoint signed',
    );
  }
  return {
    ...base,
    ...counts,
    intact: true,
    brokenAtSeq: null,
    problem: null,
    summary:
      `intact, rows ${Number(start.seq) + 1}–${bundle.end.seq} (${counts.fullRows} in full), ` +
      `from ${isGenesis(start) ? 'the chain’s beginning' : `the checkpoint of seq ${start.seq}`} ` +
      `to the checkpoint of seq ${bundle.end.seq}; signed by ${base.signedBy.join(', ')}` +
      (keysFrom === 'bundle'
        ? ' (keys the bundle carries: compare these ids with the center’s published keys)'
        : ' (trusted keys)'),
  };
}

function contentProblem(row: AuditBundleFullRow): string | null {
  let content: unknown;
  try {
    content = JSON.parse(row.canonical);
  } catch {
    return `row ${row.seq}'s content is not JSON (changed)`;
  }
  if (canonicalJson(content) !== row.canonical) {
    return `row ${row.seq}'s content is not in canonical form (changed)`;
  }
  if ((content as { seq?: unknown }).seq !== row.seq) {
    return `row ${row.seq}'s content names another sequence (moved)`;
  }
  return null;
}
