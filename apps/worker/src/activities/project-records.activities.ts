import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { upsertProjectSnapshot } from '@app/persistence';
import type { RecordedTransition, TransitionRecord } from '@app/workflows/activities.types';
import { AuditChainWriter } from './audit-chain.writer';

/**
 * The records each transition leaves: the read-model row and the audit entry, in one
 * transaction, so a reader never sees one without the other.
 */
@Injectable()
export class ProjectRecordsActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditChain: AuditChainWriter,
  ) {}

  async recordTransition(record: TransitionRecord): Promise<RecordedTransition> {
    return this.dataSource.transaction(async (manager) => {
      const readModelApplied = await upsertProjectSnapshot(manager, record.snapshot);
      const appended = await this.auditChain.append(manager, record.audit);
      return { auditSeq: appended.seq, auditHash: appended.hash, readModelApplied };
    });
  }
}
