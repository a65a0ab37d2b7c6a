import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PlanDocumentsService } from './plan-documents.service';

/**
 * Every PLAN_DOCUMENT_CLEANUP_INTERVAL_MS, deletes the uploads that no plan version referred to
 * before they expired. The API runs it because the API owns the documents' storage; several
 * API processes share the work (rows are claimed with SKIP LOCKED).
 */
@Injectable()
export class PlanDocumentCleanupService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PlanDocumentCleanupService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly documents: PlanDocumentsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => this.sweepInBackground(),
      this.config.PLAN_DOCUMENT_CLEANUP_INTERVAL_MS,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass: deletes expired unreferenced uploads in batches until none is left. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.documents.deleteExpiredUploads();
      total += deleted;
      if (deleted === 0) return total;
    }
  }

  private sweepInBackground(): void {
    if (this.running) return;
    this.running = this.sweep()
      .then((deleted) => {
        if (deleted > 0) this.logger.log(`deleted ${deleted} expired unreferenced uploads`);
      })
      .catch((error: unknown) => this.logger.warn(`upload cleanup failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }
}
