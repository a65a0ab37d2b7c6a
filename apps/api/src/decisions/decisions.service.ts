import { ConflictException, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  Actor,
  Decision,
  decisionContentHash,
  DecisionResult,
  Refusal,
  validateDecisionShape,
} from '@app/domain';
import { decisionUpdateFor, decisionUpdateId } from '@app/workflows/public-api';
import { RefusalException } from '../common/refusal.exception';
import { ProjectAccessService } from '../projects/project-access.service';
import { TemporalGateway } from '../temporal/temporal.gateway';

/**
 * Carries a person's decision into the project's workflow as an Update. The API judges only
 * what needs no state (shape, USCC, share sums); the workflow's validator judges the rest.
 * A decision on a closed project, or one Temporal no longer has, is answered from its audit row.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly access: ProjectAccessService,
    private readonly temporal: TemporalGateway,
    private readonly dataSource: DataSource,
  ) {}

  async decide(
    projectId: string,
    actor: Actor,
    decision: Decision,
    decisionId: string,
  ): Promise<DecisionResult> {
    const problems = validateDecisionShape(decision);
    if (problems.length > 0) throw new RefusalException(problems);
    const project = await this.access.visibleProject(projectId, actor, decision.type);
    if (project.status === 'CLOSED')
      return this.answerFromAudit(projectId, actor, decision, decisionId);
    try {
      return await this.temporal.call((client) =>
        client.workflow
          .getHandle(project.workflow_id)
          .executeUpdate(decisionUpdateFor(decision.type), {
            args: [{ decisionId, actor, decision }],
            updateId: decisionUpdateId(decisionId, actor, decision),
          }),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError || isClosedWorkflowError(error)) {
        return this.answerFromAudit(projectId, actor, decision, decisionId);
      }
      throw error;
    }
  }

  /**
   * Decisions outlive the workflow: the audit row of an accepted decision keeps its content
   * hash and result, so a repeat is answered the same way, and anything else on a closed
   * project is a conflict.
   */
  private async answerFromAudit(
    projectId: string,
    actor: Actor,
    decision: Decision,
    decisionId: string,
  ): Promise<DecisionResult> {
    const rows: {
      decision_hash: string;
      decision_result: DecisionResult | { refused: Refusal };
    }[] = await this.dataSource.query(
      `SELECT decision_hash, decision_result FROM audit_events
          WHERE project_id = $1 AND decision_id = $2 AND kind = 'decision'
          ORDER BY audit_events.seq LIMIT 1`,
      [projectId, decisionId],
    );
    const row = rows[0];
    if (!row) {
      throw new ConflictException({ message: 'The project is closed.', rule: 'project-closed' });
    }
    if (row.decision_hash !== decisionContentHash(decision.type, decision, actor)) {
      throw new RefusalException([
        {
          kind: 'RuleRefused',
          rule: 'decision-id-reused',
          field: 'decisionId',
          message: `decisionId ${decisionId} was already used for a different decision`,
        },
      ]);
    }
    if ('refused' in row.decision_result) throw new RefusalException([row.decision_result.refused]);
    return row.decision_result;
  }
}

/** Temporal's answer to an update on a workflow that already completed. */
function isClosedWorkflowError(error: unknown): boolean {
  const message = (error as { message?: string } | null)?.message ?? '';
  return /workflow execution already completed|workflow is closed|already completed/i.test(message);
}
