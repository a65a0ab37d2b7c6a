import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { upsertProjectSnapshot } from '@app/persistence';
import {
  Actor,
  Application,
  canonicalJson,
  checkEligibility,
  createInitialState,
  normaliseName,
  sha256Hex,
  Stage,
} from '@app/domain';
import {
  CollegeKey,
  IncubationStageKey,
  projectSnapshotOf,
  projectWorkflow,
  projectWorkflowId,
  ProjectView,
  stateQuery,
} from '@app/workflows/public-api';
import { RefusalException } from '../common/refusal.exception';
import { TemporalGateway } from '../temporal/temporal.gateway';

export interface SubmittedProject {
  projectId: string;
  workflowId: string;
  /** The workflow's first state; null if the worker did not answer in time (it will). */
  state: ProjectView['state'] | null;
}

interface NewProject {
  projectId: string;
  workflowId: string;
  submittedAt: string;
}

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { driverError?: { code?: string; constraint?: string } };
  return (
    pgError.driverError?.code === UNIQUE_VIOLATION && pgError.driverError.constraint === constraint
  );
}

/**
 * Submitting an application: eligibility at once, the title claimed in the database, then the
 * project's workflow started with the deployment's policy. The Idempotency-Key makes a retried
 * submission return the first answer and create one project.
 */
@Injectable()
export class ProjectSubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalGateway,
    private readonly config: AppConfig,
  ) {}

  async submit(
    actor: Actor,
    idempotencyKey: string,
    application: Application,
  ): Promise<SubmittedProject> {
    const requestHash = sha256Hex(canonicalJson(application));
    const earlier = await this.earlierAnswer(idempotencyKey, requestHash);
    if (earlier) return earlier;

    const problems = checkEligibility(application);
    if (problems.length > 0) throw new RefusalException(problems);
    await this.checkPreviousProject(application);

    const projectId = randomUUID();
    const workflowId = projectWorkflowId(projectId);
    const submittedAt = new Date().toISOString();
    const concurrent = await this.claim(
      { projectId, workflowId, submittedAt },
      idempotencyKey,
      requestHash,
      actor,
      application,
    );
    if (concurrent) return concurrent;
    try {
      await this.temporal.call((client) =>
        client.workflow.start(projectWorkflow, {
          workflowId,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          args: [
            {
              projectId,
              application,
              policy: this.config.policy,
              submittedBy: actor,
              submittedAt,
            },
          ],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          typedSearchAttributes: [
            { key: IncubationStageKey, value: Stage.APPLICATION },
            { key: CollegeKey, value: application.college },
          ],
        }),
      );
    } catch (error) {
      // Not started: free the title and the key, so the same request can simply be retried.
      await this.releaseClaim(projectId, idempotencyKey);
      throw error;
    }
    // No wait for the workflow's own records: decisions and GET /projects/:id find the project
    // through the row claim() wrote, and the workflow records each decision after its
    // applicationSubmitted entry.
    const state = await this.firstState(workflowId);
    const answer: SubmittedProject = { projectId, workflowId, state };
    await this.dataSource.query(
      'UPDATE project_submissions SET response = $2 WHERE idempotency_key = $1',
      [idempotencyKey, JSON.stringify(answer)],
    );
    return answer;
  }

  /** A re-application names an earlier project of its college that ended REJECTED or WITHDRAWN. */
  private async checkPreviousProject(application: Application): Promise<void> {
    const previous = application.previousProjectId;
    if (previous === undefined) return;
    const rows: { stage: string; college: string }[] = await this.dataSource.query(
      'SELECT stage, college FROM projects WHERE id::text = $1',
      [previous],
    );
    const found = rows[0];
    const why = !found
      ? `no project ${previous} exists`
      : found.college !== application.college
        ? `project ${previous} belongs to another college`
        : found.stage !== 'REJECTED' && found.stage !== 'WITHDRAWN'
          ? `project ${previous} is ${found.stage}, not REJECTED or WITHDRAWN`
          : null;
    if (why) {
      throw new RefusalException([
        {
          kind: 'RuleRefused',
          rule: 'previous-project',
          field: 'previousProjectId',
          message: `previousProjectId must name a REJECTED or WITHDRAWN project of the same college: ${why}`,
        },
      ]);
    }
  }

  private async earlierAnswer(key: string, requestHash: string): Promise<SubmittedProject | null> {
    const rows: { request_hash: string; response: SubmittedProject | null }[] =
      await this.dataSource.query(
        'SELECT request_hash, response FROM project_submissions WHERE idempotency_key = $1',
        [key],
      );
    if (rows.length === 0) return null;
    if (rows[0].request_hash !== requestHash) {
      throw new RefusalException([
        {
          kind: 'RuleRefused',
          rule: 'idempotency-key-reused',
          field: 'Idempotency-Key',
          message: 'This Idempotency-Key was already used for a different application.',
        },
      ]);
    }
    if (rows[0].response === null) {
      throw new ConflictException({
        message:
          'The first submission with this Idempotency-Key is still being processed; retry shortly.',
        rule: 'submission-in-progress',
      });
    }
    return rows[0].response;
  }

  /**
   * Claims the key and the title, and writes the project's first read-model row (version 0,
   * replaced by the workflow's first record), in one transaction: once the caller has the id,
   * decisions and reads find the project, and a refused or failed start leaves nothing behind.
   */
  private async claim(
    { projectId, workflowId, submittedAt }: NewProject,
    key: string,
    requestHash: string,
    actor: Actor,
    application: Application,
  ): Promise<SubmittedProject | undefined> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO project_submissions (idempotency_key, request_hash, project_id, submitted_by)
           VALUES ($1, $2, $3, $4)`,
          [key, requestHash, projectId, actor.userId],
        );
        await manager.query(
          'INSERT INTO title_claims (project_id, college, normalized_title) VALUES ($1, $2, $3)',
          [projectId, application.college, normaliseName(application.title)],
        );
        const initial = createInitialState(projectId, application, submittedAt);
        await upsertProjectSnapshot(manager, {
          ...projectSnapshotOf(initial, workflowId, submittedAt),
          version: 0,
        });
      });
      return undefined;
    } catch (error) {
      if (isUniqueViolation(error, 'ux_title_claims_active')) {
        throw new RefusalException([
          {
            kind: 'WrongStage',
            rule: 'duplicate-title',
            field: 'title',
            message: `"${application.title}" is already the title of an active or incubated project of ${application.college}.`,
          },
        ]);
      }
      if (isUniqueViolation(error, 'ux_project_submissions_key')) {
        // The same key arrived twice at once: answer like a repeat (or say it is in progress).
        const earlier = await this.earlierAnswer(key, requestHash);
        if (earlier) return earlier;
      }
      throw error;
    }
  }

  private async releaseClaim(projectId: string, key: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM projects WHERE id = $1 AND version = 0', [projectId]);
      await manager.query('DELETE FROM title_claims WHERE project_id = $1', [projectId]);
      await manager.query('DELETE FROM project_submissions WHERE idempotency_key = $1', [key]);
    });
  }

  private async firstState(workflowId: string): Promise<ProjectView['state'] | null> {
    try {
      const view = await this.temporal.call((client) =>
        client.workflow.getHandle(workflowId).query(stateQuery),
      );
      return view.state;
    } catch {
      return null;
    }
  }
}
