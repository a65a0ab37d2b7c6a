import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import {
  completeSubmission,
  releaseSubmission,
  SubmissionClaim,
  unfinishedSubmissions,
} from '@app/persistence';
import {
  projectStartOptions,
  projectWorkflowId,
  ProjectWorkflowInput,
} from '@app/workflows/public-api';
import { describeError } from '../common/describe-error';
import { PeriodicTask } from '../common/periodic-task';
import { SUBMISSION_TEMPORAL_CLIENT } from './submission-temporal-client';

/** Claims looked at per pass. */
const BATCH = 100;

export interface ReconcileResult {
  /** Project ids whose workflow this pass started, or found started. */
  finished: string[];
  /** Project ids whose claim was released: Temporal has no workflow and none can start. */
  released: string[];
  /** Claims left for a later pass (Temporal away, a transient error). */
  failed: number;
}

/**
 * Finishes `POST /projects` left half-way: a claim (key, title, first read-model row, start
 * input) whose start Temporal never confirmed, because the API crashed or its deadline passed.
 * After the grace time it issues the same start again ("already started" counts as done) and
 * keeps the answer, so the key answers the project. A claim is released only when Temporal
 * says the workflow does not exist and it cannot be started (a claim kept no start input).
 */
@Injectable()
export class SubmissionReconciler implements OnModuleDestroy {
  private readonly logger = new Logger(SubmissionReconciler.name);
  private readonly loop: PeriodicTask<ReconcileResult>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(SUBMISSION_TEMPORAL_CLIENT) private readonly client: Client,
  ) {
    this.loop = new PeriodicTask(
      'submission reconcile',
      config.SUBMISSION_RECONCILE_INTERVAL_MS,
      () => this.reconcile(),
      this.logger,
      (result) => {
        if (result.finished.length + result.released.length > 0) {
          this.logger.log(
            `submissions: ${result.finished.length} started, ${result.released.length} released`,
          );
        }
      },
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
    await this.client.connection.close();
  }

  /** One pass now (tests, operators), never beside a scheduled one. */
  runOnce(): Promise<ReconcileResult> {
    return this.loop.runOnce();
  }

  private async reconcile(): Promise<ReconcileResult> {
    const result: ReconcileResult = { finished: [], released: [], failed: 0 };
    const claims = await unfinishedSubmissions(
      this.dataSource,
      this.config.TEMPORAL_TASK_QUEUE,
      this.config.SUBMISSION_START_GRACE_MS,
      BATCH,
    );
    for (const claim of claims) {
      try {
        const outcome = await this.settle(claim);
        result[outcome].push(claim.projectId);
      } catch (error) {
        result.failed += 1;
        this.logger.warn(`submission of ${claim.projectId} not settled: ${describeError(error)}`);
      }
    }
    return result;
  }

  private async settle(claim: SubmissionClaim): Promise<'finished' | 'released'> {
    const workflowId = claim.workflowId ?? projectWorkflowId(claim.projectId);
    const exists = await this.workflowExists(workflowId);
    if (!exists) {
      if (claim.startInput === null) {
        return (await releaseSubmission(this.dataSource, claim.projectId))
          ? 'released'
          : 'finished';
      }
      const options = projectStartOptions(
        claim.startInput as ProjectWorkflowInput,
        this.config.TEMPORAL_TASK_QUEUE,
      );
      try {
        await this.client.withDeadline(Date.now() + 10_000, () =>
          this.client.workflow.start('projectWorkflow', options),
        );
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    }
    // The answer the API would have given; the state is read by GET /projects/:id meanwhile.
    await completeSubmission(this.dataSource, claim.projectId, {
      projectId: claim.projectId,
      workflowId,
      state: null,
    });
    return 'finished';
  }

  private async workflowExists(workflowId: string): Promise<boolean> {
    try {
      await this.client.withDeadline(Date.now() + 10_000, () =>
        this.client.workflow.getHandle(workflowId).describe(),
      );
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }
}
