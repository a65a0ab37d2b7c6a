import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  Actor,
  Decision,
  decisionContentHash,
  decisionIdReused,
  DecisionResult,
  projectClosed,
  validateDecisionShape,
} from '@app/domain';
import { auditedDecision } from '@app/persistence';
import { decisionUpdateFor, decisionUpdateId } from '@app/workflows/public-api';
import { conflictBody, RefusalException } from '../common/refusal.exception';
import { PlanDocumentsService } from '../plan-documents/plan-documents.service';
import { ProjectAccessService } from '../projects/project-access.service';
import { isWorkflowClosedError } from '../temporal/temporal-errors';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { resolveDecisionId } from './decision-id';
import type { DecisionCall } from './decision-endpoint';
import type { DecisionBodyDto, SubmitPlanVersionDto } from './dto';

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
    private readonly planDocuments: PlanDocumentsService,
  ) {}

  /** A decision as its endpoint received it: the body's fields under the endpoint's type. */
  take(call: DecisionCall, body: DecisionBodyDto): Promise<DecisionResult> {
    const { decisionId, ...fields } = body;
    // A plain JSON value, as the workflow will see it, so both hash the same content.
    const decision = JSON.parse(JSON.stringify({ ...fields, type: call.type })) as Decision;
    return this.decide(
      call.projectId,
      call.actor,
      decision,
      resolveDecisionId(decisionId, call.idempotencyKey),
    );
  }

  /**
   * A plan version names its document only by the documentId of an upload to this project; the
   * decision carries the record the server stored, and an accepted one keeps the upload.
   */
  async submitPlanVersion(call: DecisionCall, body: SubmitPlanVersionDto): Promise<DecisionResult> {
    const { documentId, ...fields } = body;
    // The project first: a path id that is no project (the full fuzz run sent "null,null", a
    // 500 from the document query) is a 404, and nobody's upload is kept for a hidden project.
    await this.access.visibleProject(call.projectId, call.actor, call.type);
    const document = await this.planDocuments.documentForPlanVersion(call.projectId, documentId);
    const result = await this.take(call, Object.assign(fields, { document }));
    await this.planDocuments.markReferenced(call.projectId, document.documentId);
    return result;
  }

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
          .getHandle(project.workflowId)
          .executeUpdate(decisionUpdateFor(decision.type), {
            args: [{ decisionId, actor, decision }],
            updateId: decisionUpdateId(decisionId, actor, decision),
          }),
      );
    } catch (error) {
      if (isWorkflowClosedError(error)) {
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
    const row = await auditedDecision(this.dataSource, projectId, decisionId);
    if (!row) {
      throw new ConflictException(conflictBody(projectClosed()));
    }
    if (row.decisionHash !== decisionContentHash(decision.type, decision, actor)) {
      throw new RefusalException([decisionIdReused(decisionId)]);
    }
    if ('refused' in row.decisionResult) throw new RefusalException([row.decisionResult.refused]);
    return row.decisionResult;
  }
}
