import { ConflictException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import {
  AuditChainBrokenError,
  AuditCheckpointView,
  AuditTrailVerification,
  listAuditCheckpoints,
  signAuditCheckpoint,
  verifyAuditTrail,
} from '@app/persistence';

export interface AuditCheckpointList {
  /** The key this deployment signs with (null when signing is off) and every trusted key. */
  signingKeyId: string | null;
  trustedKeys: { keyId: string; publicKey: string }[];
  /** Every checkpoint, oldest first; keep copies to detect a rewrite of the whole tail. */
  checkpoints: AuditCheckpointView[];
  /** How each checkpoint's signature is made, for reviewers checking copies on their own. */
  statementFormat: string;
}

/** Verification of the audit chain and its signed checkpoints. */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  verify(): Promise<AuditTrailVerification> {
    return verifyAuditTrail(this.dataSource, this.config.auditTrustedKeys);
  }

  async checkpoints(): Promise<AuditCheckpointList> {
    const signing = this.config.auditSigningKey;
    return {
      signingKeyId: signing?.keyId ?? null,
      trustedKeys: this.config.auditTrustedKeys.map((key) => ({
        keyId: key.keyId,
        publicKey: key.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      })),
      checkpoints: await listAuditCheckpoints(this.dataSource),
      statementFormat:
        'Ed25519 over the UTF-8 RFC 8785 JSON {"hash":…,"purpose":"incubation-audit-checkpoint","seq":…,"signedAt":…}',
    };
  }

  /** Signs the head now; refuses while the chain does not verify. */
  async signNow(): Promise<AuditCheckpointView> {
    const key = this.config.auditSigningKey;
    if (!key) {
      throw new ServiceUnavailableException(
        'no AUDIT_SIGNING_KEY is configured: this deployment cannot sign checkpoints',
      );
    }
    try {
      const checkpoint = await signAuditCheckpoint(this.dataSource, key);
      if (!checkpoint) throw new ConflictException('the audit chain is empty: nothing to sign');
      return checkpoint;
    } catch (error) {
      if (error instanceof AuditChainBrokenError) {
        throw new ConflictException({
          message: error.message,
          brokenAtSeq: error.verification.brokenAtSeq,
        });
      }
      throw error;
    }
  }
}
