import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { upsertProjectSnapshot } from '@app/persistence';
import type { RecordedTransition, TransitionRecord } from '@app/workflows/activities.types';
import { AuditChainWriter } from './audit-chain.writer';
import { StorableRecords } from './storable-records';

/**
 * The records each transition leaves: the read-model row and the audit entry, in one
 * transaction, so a reader never sees one without the other.
 */
@Injectable()
export class ProjectRecordsActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditChain: AuditChainWriter,
    private readonly records: StorableRecords,
    private readonly config: AppConfig,
  ) {}

  async recordTransition(given: TransitionRecord): Promise<RecordedTransition> {
    const record = this.records.storable(given);
    return this.dataSource.transaction(async (manager) => {
      // Bounded below the activity's limit, so an attempt never waits out its own time-out.
      await manager.query(`SET LOCAL lock_timeout = ${this.config.AUDIT_LOCK_TIMEOUT_MS}`);
      const readModelApplied = await upsertProjectSnapshot(manager, record.snapshot);
      const appended = await this.auditChain.append(manager, record.audit);
      return { auditSeq: appended.seq, auditHash: appended.hash, readModelApplied };
    });
  }
}
