import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import type { MetricCounter } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';

interface Counters {
  notifications: MetricCounter;
  auditAppends: MetricCounter;
  archiveSweeps: MetricCounter;
  archivedRuns: MetricCounter;
}

/**
 * The worker's own counters, created on the Temporal SDK's metric meter so they leave through
 * the same Prometheus exporter as the SDK's runtime metrics (one scrape target per worker).
 * Created when the worker's Nest context starts, after main installed the Runtime with its
 * exporter.
 */
@Injectable()
export class WorkerMetrics implements OnModuleInit {
  private counters?: Counters;

  /** Every series at zero from the start, so dashboards and rates see them before the first event. */
  onModuleInit(): void {
    const { notifications, auditAppends, archiveSweeps, archivedRuns } = this.meter;
    for (const outcome of ['sent', 'retry', 'failed']) notifications.add(0, { outcome });
    for (const outcome of ['ok', 'failed']) archiveSweeps.add(0, { outcome });
    auditAppends.add(0);
    archivedRuns.add(0);
  }

  private get meter(): Counters {
    if (!this.counters) {
      const meter = Runtime.instance().metricMeter;
      this.counters = {
        notifications: meter.createCounter(
          'incubation_notification_deliveries',
          'emails',
          'Email notification attempts, by outcome (sent, retry, failed)',
        ),
        auditAppends: meter.createCounter(
          'incubation_audit_appends',
          'entries',
          'Entries appended to the audit chain (a retried append that found its row not counted)',
        ),
        archiveSweeps: meter.createCounter(
          'incubation_archive_sweeps',
          'sweeps',
          'Passes of the history archive sweeper, by outcome (ok, failed)',
        ),
        archivedRuns: meter.createCounter(
          'incubation_archived_runs',
          'runs',
          'Closed workflow runs copied into the archive',
        ),
      };
    }
    return this.counters;
  }

  notificationAttempt(outcome: 'sent' | 'retry' | 'failed'): void {
    this.meter.notifications.add(1, { outcome });
  }

  auditAppended(): void {
    this.meter.auditAppends.add(1);
  }

  archiveSweep(outcome: 'ok' | 'failed', archivedRuns = 0): void {
    this.meter.archiveSweeps.add(1, { outcome });
    if (archivedRuns > 0) this.meter.archivedRuns.add(archivedRuns);
  }
}

@Global()
@Module({ providers: [WorkerMetrics], exports: [WorkerMetrics] })
export class WorkerMetricsModule {}
