import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import { describeError } from '../common/describe-error';
import { PeriodicTask } from '../common/periodic-task';
import { AppConfig } from '@app/config';
import { archivedRunIds, archiveRun, fillProjectRecordsFromArchive } from '@app/persistence';
import { ARCHIVE_TEMPORAL_CLIENT } from './archive-temporal-client';
import { WorkerMetrics } from '../metrics/worker-metrics';

const { EventType } = temporal.api.enums.v1;

/** The events that end a run: after one of them its history never grows. */
const CLOSING_EVENTS = new Set<number>([
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
]);

const PROJECT_WORKFLOW_ID =
  /^project-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export interface ArchiveSweepResult {
  /** Run ids archived by this sweep. */
  archived: string[];
  /** Closed runs still waiting (beyond the batch, or whose history was not yet complete). */
  pending: number;
}

/**
 * Copies each closed run of a project workflow (finished, or handed over by continue-as-new)
 * into PostgreSQL before the namespace's retention deletes it. Visibility lists the closed
 * runs; those the archive lacks are fetched by run id, history complete, and stored once.
 */
@Injectable()
export class ArchiveSweeper implements OnModuleDestroy {
  private readonly logger = new Logger(ArchiveSweeper.name);
  private readonly loop: PeriodicTask<ArchiveSweepResult>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(ARCHIVE_TEMPORAL_CLIENT) private readonly client: Client,
    private readonly metrics: WorkerMetrics,
  ) {
    this.loop = new PeriodicTask(
      'archive sweep',
      config.ARCHIVE_SWEEP_INTERVAL_MS,
      () => this.sweep(),
      this.logger,
      (result) => {
        if (result.archived.length > 0) {
          this.logger.log(`archived ${result.archived.length} closed runs`);
        }
      },
    );
  }

  /** Sweeps every ARCHIVE_SWEEP_INTERVAL_MS; the worker's main calls it. */
  start(): void {
    this.logger.log(`archiving closed runs every ${this.config.ARCHIVE_SWEEP_INTERVAL_MS} ms`);
    this.loop.start();
  }

  /** Stops the loop and waits for the sweep in progress. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
    await this.client.connection.close();
  }

  /**
   * One sweep: archives up to ARCHIVE_SWEEP_BATCH closed runs the archive lacks. `workflowId`
   * narrows it to one workflow (tests, or an operator archiving one project at once).
   */
  sweepOnce(options: { workflowId?: string } = {}): Promise<ArchiveSweepResult> {
    return this.loop.runAfterCurrent(() => this.sweep(options.workflowId));
  }

  private async sweep(workflowId?: string): Promise<ArchiveSweepResult> {
    try {
      const result = await this.sweepClosedRuns(workflowId);
      this.metrics.archiveSweep('ok', result.archived.length);
      return result;
    } catch (error) {
      this.metrics.archiveSweep('failed');
      throw error;
    }
  }

  private async sweepClosedRuns(workflowId?: string): Promise<ArchiveSweepResult> {
    const closed = await this.closedRuns(workflowId);
    const known = await archivedRunIds(
      this.dataSource,
      closed.map((run) => run.runId),
    );
    const missing = closed.filter((run) => !known.has(run.runId));
    const archived: string[] = [];
    for (const run of missing.slice(0, this.config.ARCHIVE_SWEEP_BATCH)) {
      try {
        if (await this.archive(run)) archived.push(run.runId);
      } catch (error) {
        // One unreadable run must not hold up the others; the next sweep tries it again.
        this.logger.warn(
          `could not archive ${run.workflowId}/${run.runId}: ${describeError(error)}`,
        );
      }
    }
    return { archived, pending: missing.length - archived.length };
  }

  private async closedRuns(workflowId?: string): Promise<WorkflowExecutionInfo[]> {
    const clauses = ["WorkflowType = 'projectWorkflow'", "ExecutionStatus != 'Running'"];
    if (workflowId) clauses.push(`WorkflowId = '${workflowId.replace(/'/g, "''")}'`);
    const runs: WorkflowExecutionInfo[] = [];
    for await (const run of this.client.workflow.list({ query: clauses.join(' AND ') })) {
      runs.push(run);
    }
    return runs;
  }

  /** Fetches one run's history by run id and stores it if it is complete. */
  private async archive(run: WorkflowExecutionInfo): Promise<boolean> {
    const history = await this.client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    const events = history.events ?? [];
    const last = events.at(-1);
    if (!last || !CLOSING_EVENTS.has(Number(last.eventType))) return false;
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    const projectId = PROJECT_WORKFLOW_ID.exec(run.workflowId)?.[1] ?? null;
    const archived = await archiveRun(this.dataSource, {
      workflowId: run.workflowId,
      runId: run.runId,
      projectId,
      workflowType: run.type,
      status: run.status.name,
      startTime: run.startTime.toISOString(),
      closeTime: (run.closeTime ?? eventTime(last) ?? new Date()).toISOString(),
      continuedFromRunId: started?.continuedExecutionRunId || null,
      eventCount: events.length,
      history: historyToJSON(history),
    });
    // A project closed before its workflow sent records gets them from its final run.
    if (archived && projectId && run.status.name === 'COMPLETED') {
      await fillProjectRecordsFromArchive(this.dataSource, projectId);
    }
    return archived;
  }
}

function eventTime(event: temporal.api.history.v1.IHistoryEvent): Date | undefined {
  const seconds = event.eventTime?.seconds;
  if (seconds === undefined || seconds === null) return undefined;
  return new Date(Number(seconds) * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6));
}
