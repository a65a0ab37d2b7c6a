import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { DataSource, QueryRunner } from 'typeorm';
import { describeError } from '../common/describe-error';
import { PeriodicTask } from '../common/periodic-task';
import { AppConfig } from '@app/config';
import { WorkerMetrics } from '../metrics/worker-metrics';

interface DueEmail {
  id: string;
  notification_key: string;
  email: string;
  subject: string;
  body: string;
  attempts: number;
}

type Outcome = 'none' | 'sent' | 'retry' | 'failed';

/** The back-off before attempt `attempts + 1`: base, doubling per attempt, capped. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
}

/**
 * Delivers the email rows of the notification outbox over SMTP. In-app rows need no delivery:
 * they are the user's list.
 *
 * Each email is claimed in its own transaction (`FOR UPDATE SKIP LOCKED`, so several workers
 * share the outbox without taking the same row), sent, and marked sent in that same transaction
 * only after the SMTP server accepted it; a failure records the error and schedules the next
 * attempt with exponential back-off until the last attempt, which marks it failed. So an email is
 * never sent twice, except in one window: the process (or its database connection) dies after the
 * server accepted the message and before the commit. The row is then still pending and is sent
 * again; it carries the same Message-ID (`<notification-{id}@incubation-pipeline>`), by which
 * mail systems and clients recognise the duplicate.
 */
@Injectable()
export class NotificationDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly loop: PeriodicTask<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly metrics: WorkerMetrics,
  ) {
    this.transport = createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
      tls: { rejectUnauthorized: config.SMTP_TLS_REJECT_UNAUTHORIZED },
      connectionTimeout: config.SMTP_TIMEOUT_MS,
      greetingTimeout: config.SMTP_TIMEOUT_MS,
      socketTimeout: config.SMTP_TIMEOUT_MS,
    });
    this.loop = new PeriodicTask(
      'dispatch pass',
      config.NOTIFICATION_DISPATCH_INTERVAL_MS,
      () => this.sendDue(),
      this.logger,
    );
  }

  /** Starts dispatching every NOTIFICATION_DISPATCH_INTERVAL_MS; the worker's main calls it. */
  start(): void {
    this.logger.log(
      `dispatching email notifications via ${this.config.SMTP_HOST}:${this.config.SMTP_PORT} ` +
        `every ${this.config.NOTIFICATION_DISPATCH_INTERVAL_MS} ms`,
    );
    this.loop.start();
  }

  /** Stops the loop and waits for the pass in progress, so no claim is left half done. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
    this.transport.close();
  }

  /** One pass: sends every email that is due (at most a batch); returns how many were sent. */
  dispatchDue(): Promise<number> {
    return this.loop.runOnce();
  }

  private async sendDue(): Promise<number> {
    const tried: string[] = [];
    let sent = 0;
    while (tried.length < this.config.NOTIFICATION_DISPATCH_BATCH) {
      const outcome = await this.sendNext(tried);
      if (outcome === 'none') break;
      this.metrics.notificationAttempt(outcome);
      if (outcome === 'sent') sent += 1;
    }
    return sent;
  }

  /** Claims, sends and settles one due email; `tried` keeps a pass from retrying its failures. */
  private async sendNext(tried: string[]): Promise<Outcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const claimed = (await runner.query(
        `SELECT id, notification_key, email, subject, body, attempts FROM notifications
          WHERE channel = 'email' AND status = 'pending' AND next_attempt_at <= now()
            AND NOT (id = ANY($1::uuid[]))
          ORDER BY next_attempt_at, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED`,
        [tried],
      )) as DueEmail[];
      const email = claimed.at(0);
      const outcome = email ? await this.deliver(runner, email, tried) : 'none';
      await runner.commitTransaction();
      return outcome;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async deliver(runner: QueryRunner, email: DueEmail, tried: string[]): Promise<Outcome> {
    tried.push(email.id);
    try {
      await this.transport.sendMail({
        from: this.config.SMTP_FROM,
        to: email.email,
        subject: email.subject,
        text: email.body,
        messageId: `<notification-${email.id}@incubation-pipeline>`,
        headers: { 'X-Notification-Key': email.notification_key },
      });
    } catch (error) {
      return this.recordFailure(runner, email, describeError(error));
    }
    await runner.query(
      `UPDATE notifications
          SET status = 'sent', sent_at = clock_timestamp(), attempts = attempts + 1,
              last_error = NULL
        WHERE id = $1`,
      [email.id],
    );
    return 'sent';
  }

  private async recordFailure(
    runner: QueryRunner,
    email: DueEmail,
    error: string,
  ): Promise<Outcome> {
    const attempts = email.attempts + 1;
    const givenUp = attempts >= this.config.NOTIFICATION_MAX_ATTEMPTS;
    const delayMs = retryDelayMs(
      attempts,
      this.config.NOTIFICATION_RETRY_BASE_MS,
      this.config.NOTIFICATION_RETRY_MAX_MS,
    );
    await runner.query(
      `UPDATE notifications
          SET attempts = $2, last_error = $3, status = $4,
              next_attempt_at = clock_timestamp() + $5 * interval '1 millisecond'
        WHERE id = $1`,
      [email.id, attempts, error.slice(0, 2000), givenUp ? 'failed' : 'pending', delayMs],
    );
    const what = `email ${email.id} to ${email.email} (attempt ${attempts})`;
    if (givenUp) this.logger.error(`${what} failed for good: ${error}`);
    else this.logger.warn(`${what} failed, retrying in ${delayMs} ms: ${error}`);
    return givenUp ? 'failed' : 'retry';
  }
}
