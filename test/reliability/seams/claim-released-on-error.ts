import { Injectable } from '@nestjs/common';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { Actor, Application } from '@app/domain';
import {
  ProjectSubmissionService,
  SubmittedProject,
} from '../../../apps/api/src/projects/project-submission.service';
import { SubmissionCheckpoints } from '../../../apps/api/src/projects/submission-checkpoints';
import { TemporalGateway } from '../../../apps/api/src/temporal/temporal.gateway';

/**
 * Test-only seam: a submission that fails in any way gives its claim back (key, title, first
 * row), the "obvious" clean-up the service must not do, since Temporal may have started the
 * workflow although its answer never came. With it a start in flight when Temporal hangs
 * becomes two projects, which the Temporal scenario must report as applied twice.
 */
@Injectable()
class ClaimReleasedOnErrorSubmissionService extends ProjectSubmissionService {
  constructor(
    private readonly db: DataSource,
    temporal: TemporalGateway,
    config: AppConfig,
    checkpoints: SubmissionCheckpoints,
  ) {
    super(db, temporal, config, checkpoints);
  }

  override async submit(
    actor: Actor,
    idempotencyKey: string,
    application: Application,
  ): Promise<SubmittedProject> {
    try {
      return await super.submit(actor, idempotencyKey, application);
    } catch (error) {
      await this.db.transaction(async (manager) => {
        const released: { project_id: string }[] = await manager.query(
          `DELETE FROM project_submissions
            WHERE submitted_by = $1 AND idempotency_key = $2 AND response IS NULL
           RETURNING project_id`,
          [actor.userId, idempotencyKey],
        );
        const ids = released.map((row) => row.project_id);
        await manager.query('DELETE FROM title_claims WHERE project_id = ANY($1::uuid[])', [ids]);
        await manager.query('DELETE FROM projects WHERE id = ANY($1::uuid[]) AND version = 0', [
          ids,
        ]);
      });
      throw error;
    }
  }
}

export const claimReleasedOnError = (builder: TestingModuleBuilder): TestingModuleBuilder =>
  builder
    .overrideProvider(ProjectSubmissionService)
    .useClass(ClaimReleasedOnErrorSubmissionService);
