import { Injectable, Logger } from '@nestjs/common';
import type { Info } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { replaceUnstorable } from '@app/domain';
import { describeError } from '../common/describe-error';
import { AuditChainWriter } from './audit-chain.writer';
import { NotificationOutboxActivities } from './notification.activities';

const PROJECT_WORKFLOW_ID =
  /^project-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The attention reason of a failing activity, as the read model lists it. */
export function activityFailingReason(activityType: string): string {
  return `activity-failing:${activityType}`;
}

/**
 * Failures are seen: an activity that failed `ACTIVITY_ATTENTION_AFTER_ATTEMPTS` times flags its
 * project (`needsAttention`, the reason naming the activity), tells staff and the escalation
 * contact, and is audited once with the error; it keeps retrying. Its first success afterwards
 * clears the flag (audited once too). A local activity's attempts are not counted: they are
 * bounded, and when they fail the ordinary activity takes over, whose attempts are. All of it
 * runs outside the failing activity's transaction, and a failure here never hides the
 * activity's own error.
 */
@Injectable()
export class ActivityAttention {
  private readonly logger = new Logger(ActivityAttention.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly auditChain: AuditChainWriter,
    private readonly notifications: NotificationOutboxActivities,
  ) {}

  async failed(info: Info, error: unknown): Promise<void> {
    if (info.isLocal || info.attempt < this.config.ACTIVITY_ATTENTION_AFTER_ATTEMPTS) return;
    const execution = info.workflowExecution;
    const projectId = projectIdOf(info);
    if (!projectId || !execution) return;
    const reason = activityFailingReason(info.activityType);
    const message = replaceUnstorable(describeError(error)).slice(0, 2_000);
    try {
      const titles: { title: string }[] = await this.dataSource.query(
        `UPDATE projects SET needs_attention = true,
           attention_reasons = CASE WHEN $2 = ANY(attention_reasons) THEN attention_reasons
                                    ELSE array_append(attention_reasons, $2) END
         WHERE id = $1 RETURNING title`,
        [projectId, reason],
      );
      // Idempotent (keyed by the activity): written once, however many attempts get here.
      await this.audit(info, projectId, 'activityFailing', {
        activity: info.activityType,
        attempt: info.attempt,
        error: message,
      });
      await this.notifications.enqueueNotification({
        notificationKey: `${execution.workflowId}/activity-failing/${info.activityId}`,
        projectId,
        projectTitle: titles[0]?.title ?? projectId,
        kind: 'activity_failing',
        recipients: [{ role: 'staff' }, { email: this.config.ESCALATION_CONTACT }],
        action: info.activityType,
      });
    } catch (attentionError) {
      this.logger.error(
        `could not flag ${projectId} for failing ${info.activityType}: ${describeError(attentionError)}`,
      );
    }
  }

  async succeeded(info: Info): Promise<void> {
    if (info.isLocal || info.attempt <= this.config.ACTIVITY_ATTENTION_AFTER_ATTEMPTS) return;
    const projectId = projectIdOf(info);
    if (!projectId) return;
    const reason = activityFailingReason(info.activityType);
    try {
      const cleared: unknown[] = await this.dataSource.query(
        `WITH cleared AS (
           UPDATE projects SET attention_reasons = array_remove(attention_reasons, $2),
                  needs_attention = cardinality(array_remove(attention_reasons, $2)) > 0
            WHERE id = $1 AND $2 = ANY(attention_reasons) RETURNING id
         ) SELECT id FROM cleared`,
        [projectId, reason],
      );
      await this.audit(info, projectId, 'activityRecovered', {
        activity: info.activityType,
        attempt: info.attempt,
        flagCleared: cleared.length > 0,
      });
    } catch (attentionError) {
      this.logger.error(
        `could not clear ${projectId}'s flag for ${info.activityType}: ${describeError(attentionError)}`,
      );
    }
  }

  private async audit(
    info: Info,
    projectId: string,
    eventType: 'activityFailing' | 'activityRecovered',
    payload: Record<string, unknown>,
  ): Promise<void> {
    const execution = info.workflowExecution;
    if (!execution) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = ${this.config.AUDIT_LOCK_TIMEOUT_MS}`);
      await this.auditChain.append(manager, {
        projectId,
        workflowId: execution.workflowId,
        runId: execution.runId,
        // One entry per scheduled activity, however many attempts report it.
        eventRef: `${eventType}:${info.activityType}:${info.activityId}`,
        kind: 'system',
        eventType,
        actor: null,
        workflowTime: new Date().toISOString(),
        payload,
      });
    });
  }
}

function projectIdOf(info: Info): string | undefined {
  return PROJECT_WORKFLOW_ID.exec(info.workflowExecution?.workflowId ?? '')?.[1];
}
