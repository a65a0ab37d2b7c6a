import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { recordStageStay, upsertProjectSnapshot, writeProjectRecords } from '@app/persistence';
import type { RecordedTransition, TransitionRecord } from '@app/workflows/activities.types';
import { WorkerMetrics } from '../metrics/worker-metrics';
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
    private readonly metrics: WorkerMetrics,
  ) {}

  async recordTransition(given: TransitionRecord): Promise<RecordedTransition> {
    const record = this.records.storable(given);
    let appendedNew = false;
    const recorded = await this.dataSource.transaction(async (manager) => {
      // Bounded below the activity's limit, so an attempt never waits out its own time-out.
      await manager.query(`SET LOCAL lock_timeout = ${this.config.AUDIT_LOCK_TIMEOUT_MS}`);
      const readModelApplied = await upsertProjectSnapshot(manager, record.snapshot);
      await this.writeDomainRecords(manager, record, readModelApplied);
      const appended = await this.auditChain.append(manager, record.audit);
      appendedNew = appended.inserted;
      return { auditSeq: appended.seq, auditHash: appended.hash, readModelApplied };
    });
    // Counted once committed: a rolled-back append is retried and counted then.
    if (appendedNew) this.metrics.auditAppended();
    return recorded;
  }

  /**
   * The project's domain records (application, plan versions, contacts, company), sent by the
   * workflow when they changed, so a closed project reads the same without its history; and
   * its stage stays, moved on by a snapshot newer than the stored one.
   */
  private async writeDomainRecords(
    manager: EntityManager,
    { snapshot, audit }: TransitionRecord,
    readModelApplied: boolean,
  ): Promise<void> {
    if (readModelApplied) {
      await recordStageStay(manager, {
        projectId: snapshot.projectId,
        stage: snapshot.stage,
        createdAt: snapshot.createdAt,
        at: audit.workflowTime,
        eventType: audit.eventType,
      });
    }
    if (!snapshot.records) return;
    await writeProjectRecords(manager, {
      projectId: snapshot.projectId,
      stateVersion: snapshot.version,
      title: snapshot.title,
      college: snapshot.college,
      records: snapshot.records,
      source: 'workflow',
    });
  }
}
