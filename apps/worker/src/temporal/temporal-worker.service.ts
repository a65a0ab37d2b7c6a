import { Injectable, Logger } from '@nestjs/common';
import { NativeConnection, Worker, WorkflowBundleOption } from '@temporalio/worker';
import { AppConfig } from '@app/config';
import { temporalConnectionOptions, temporalDataConverter } from '@app/temporal-connection';
import { ActivityRegistry } from '../activities/activity.registry';

/**
 * Creates the Temporal worker from the workflow bundle that `npm run build` made. Temporal's
 * Runtime owns SIGINT/SIGTERM: it shuts the worker down, `run()` resolves once in-flight work
 * drained, and only then does main close the Nest context (and with it the DB pool).
 */
@Injectable()
export class TemporalWorkerService {
  private readonly logger = new Logger(TemporalWorkerService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly activities: ActivityRegistry,
  ) {}

  /** Tests pass the bundle they made once per file; production loads the built one. */
  createWorker(
    connection: NativeConnection,
    workflowBundle: WorkflowBundleOption = { codePath: this.config.WORKFLOW_BUNDLE_PATH },
  ): Promise<Worker> {
    return Worker.create({
      connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowBundle,
      activities: this.activities.all(),
      shutdownGraceTime: this.config.WORKER_SHUTDOWN_GRACE_MS,
      stickyQueueScheduleToStartTimeout: this.config.WORKER_STICKY_TIMEOUT_MS,
      // Sized with the database pool (see AppConfig): the SDK's default of 100 activities
      // against 10 connections left attempts queuing for a connection until they timed out.
      maxConcurrentActivityTaskExecutions: this.config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      // A decision's recording, run inside its workflow task; its connections are counted too.
      maxConcurrentLocalActivityExecutions: this.config.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
      dataConverter: temporalDataConverter(this.config),
    });
  }

  async run(): Promise<void> {
    const connection = await NativeConnection.connect(temporalConnectionOptions(this.config));
    try {
      const worker = await this.createWorker(connection);
      this.logger.log(
        `worker polling task queue ${this.config.TEMPORAL_TASK_QUEUE} on ${this.config.TEMPORAL_ADDRESS}`,
      );
      await worker.run();
      this.logger.log('worker drained and stopped');
    } finally {
      await connection.close();
    }
  }
}
