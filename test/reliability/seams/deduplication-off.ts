import { Injectable } from '@nestjs/common';
import type { TestingModuleBuilder } from '@nestjs/testing';
import type { Actor, Decision, DecisionResult } from '@app/domain';
import { DecisionsService } from '../../../apps/api/src/decisions/decisions.service';

/**
 * Test-only seam: the API forwards every request with a decisionId of its own
 * (`<decisionId>#<n>`), so neither Temporal's update id nor the workflow's ledger can tell the
 * copies of one decision apart. With it the duplicates scenario must report applied twice.
 */
@Injectable()
class DeduplicationOffDecisionsService extends DecisionsService {
  private copies = 0;

  override decide(
    projectId: string,
    actor: Actor,
    decision: Decision,
    decisionId: string,
  ): Promise<DecisionResult> {
    this.copies += 1;
    return super.decide(projectId, actor, decision, `${decisionId}#${this.copies}`);
  }
}

export const deduplicationOff = (builder: TestingModuleBuilder): TestingModuleBuilder =>
  builder.overrideProvider(DecisionsService).useClass(DeduplicationOffDecisionsService);
