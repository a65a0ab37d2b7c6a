import { sha256Hex } from '@app/domain';

/**
 * How a row's hash links it to the previous one. Rows before the recorded switch keep the
 * first formula, `sha256(prev_hash + canonical)`; from the switch on the link covers the
 * row's digest, `sha256(prev_hash + sha256(canonical))`, so a bundle can prove the chain
 * through a row while carrying only its digest, not its content.
 */
export type AuditLinkFormula = 'content-link' | 'digest-link';

/** Where the digest link starts, as recorded in `audit_chain_formats` (null: not yet). */
export interface AuditChainFormats {
  digestLinksFromSeq: string | null;
}

export function linkFormulaAt(seq: string | bigint, formats: AuditChainFormats): AuditLinkFormula {
  const from = formats.digestLinksFromSeq;
  return from !== null && BigInt(seq) >= BigInt(from) ? 'digest-link' : 'content-link';
}

export function auditRowDigest(canonical: string): string {
  return sha256Hex(canonical);
}

/** The row's hash from the previous hash and either its canonical text or its digest. */
export function auditLinkHash(
  formula: AuditLinkFormula,
  prevHash: string,
  row: { canonical: string } | { digest: string },
): string {
  if (formula === 'content-link') {
    if (!('canonical' in row)) {
      throw new Error('a row before the digest switch links its content: the digest is not enough');
    }
    return sha256Hex(prevHash + row.canonical);
  }
  const digest = 'canonical' in row ? auditRowDigest(row.canonical) : row.digest;
  return sha256Hex(prevHash + digest);
}
