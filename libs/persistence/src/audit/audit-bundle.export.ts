import { DataSource } from 'typeorm';
import { readAuditChainFormats } from './audit-chain.append';
import { auditRowDigest, linkFormulaAt } from './audit-chain.links';
import {
  AuditBundle,
  AuditBundleRow,
  AuditBundleStart,
  AUDIT_BUNDLE_FORMAT,
} from './audit-bundle.verify';
import { AuditCheckpointView, listAuditCheckpoints } from './audit-checkpoints';
import { GENESIS_HASH } from './audit-entry.canonical';

export type AuditBundleScope = { projectId: string } | { from: Date; to: Date };

export class AuditBundleUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'no-checkpoint' | 'nothing-in-scope' | 'after-last-checkpoint',
  ) {
    super(message);
    this.name = 'AuditBundleUnavailableError';
  }
}

/**
 * The bundle of one project (or one period): from the latest signed checkpoint before the
 * scope's first row (or the chain's beginning) to the latest checkpoint. Rows of the scope are
 * carried whole; other rows only as their digests, except rows from before the digest switch,
 * whose link covers their text (they are carried whole: their content cannot be left out).
 */
export async function exportAuditBundle(
  dataSource: DataSource,
  scope: AuditBundleScope,
  now = new Date(),
): Promise<AuditBundle> {
  const checkpoints = await listAuditCheckpoints(dataSource);
  const end = checkpoints.at(-1);
  if (!end) {
    throw new AuditBundleUnavailableError(
      'the audit chain has no signed checkpoint yet: a bundle must end at one',
      'no-checkpoint',
    );
  }
  const inScope: { seq: string }[] =
    'projectId' in scope
      ? await dataSource.query(
          `SELECT seq::text AS seq FROM audit_events WHERE project_id = $1 ORDER BY audit_events.seq`,
          [scope.projectId],
        )
      : await dataSource.query(
          `SELECT seq::text AS seq FROM audit_events
            WHERE workflow_time >= $1 AND workflow_time < $2 ORDER BY audit_events.seq`,
          [scope.from, scope.to],
        );
  const scoped = inScope.filter((row) => BigInt(row.seq) <= BigInt(end.seq));
  if (scoped.length === 0) {
    throw new AuditBundleUnavailableError(
      inScope.length === 0
        ? 'the audit chain has no rows in this scope'
        : `every row in this scope is newer than the latest signed checkpoint (seq ${end.seq}): sign one first`,
      inScope.length === 0 ? 'nothing-in-scope' : 'after-last-checkpoint',
    );
  }
  const first = BigInt(scoped[0].seq);
  const start: AuditBundleStart = [...checkpoints]
    .reverse()
    .find((checkpoint: AuditCheckpointView) => BigInt(checkpoint.seq) < first) ?? {
    seq: '0',
    hash: GENESIS_HASH,
    genesis: true,
  };
  const scopeSeqs = new Set(scoped.map((row) => row.seq));
  const formats = await readAuditChainFormats(dataSource);
  const rows: AuditBundleRow[] = [];
  const BATCH = 5_000;
  let after = start.seq;
  for (;;) {
    const batch: { seq: string; canonical: string; hash: string }[] = await dataSource.query(
      `SELECT seq::text AS seq, canonical, hash FROM audit_events
        WHERE seq > $1 AND seq <= $2 ORDER BY audit_events.seq LIMIT $3`,
      [after, end.seq, BATCH],
    );
    for (const row of batch) {
      const whole = scopeSeqs.has(row.seq) || linkFormulaAt(row.seq, formats) === 'content-link';
      rows.push(
        whole
          ? { seq: row.seq, canonical: row.canonical, hash: row.hash }
          : { seq: row.seq, digest: auditRowDigest(row.canonical), hash: row.hash },
      );
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].seq;
  }
  return {
    format: AUDIT_BUNDLE_FORMAT,
    scope:
      'projectId' in scope
        ? { projectId: scope.projectId }
        : { from: scope.from.toISOString(), to: scope.to.toISOString() },
    exportedAt: now.toISOString(),
    digestLinksFromSeq: formats.digestLinksFromSeq,
    start,
    end,
    rows,
  };
}
