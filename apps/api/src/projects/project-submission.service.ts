import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import {
  Actor,
  Application,
  canonicalJson,
  checkEligibility,
  normaliseName,
  sha256Hex,
  Stage,
} from '@app/domain';
import {
  CollegeKey,
  IncubationStageKey,
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

    const projectId = randomUUID();
    const concurrent = await this.claim(projectId, idempotencyKey, requestHash, actor, application);
    if (concurrent) return concurrent;
    const workflowId = projectWorkflowId(projectId);
    try {
      await this.temporal.call((client) =>
        client.workflow.start(projectWorkflow, {
          workflowId,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          args: [{ projectId, application, policy: this.config.policy, submittedBy: actor }],
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
    const state = await this.firstState(workflowId);
    // Fix: the read-model row is written by the workflow's first activity, a moment after the
    // start, and decisions and GET /projects/:id find a project through it. Answering before
    // it landed gave the caller a 404 for the project it had just been given (seen when
    // screening right after POST /projects). Wait for it, as a decision's answer waits for its
    // records; skipped when the worker did not answer at all (state null).
    if (state) await this.readModelWritten(projectId);
    const answer: SubmittedProject = { projectId, workflowId, state };
    await this.dataSource.query(
      'UPDATE project_submissions SET response = $2 WHERE idempotency_key = $1',
      [idempotencyKey, JSON.stringify(answer)],
    );
    return answer;
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

  private async claim(
    projectId: string,
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
      await manager.query('DELETE FROM title_claims WHERE project_id = $1', [projectId]);
      await manager.query('DELETE FROM project_submissions WHERE idempotency_key = $1', [key]);
    });
  }

  /** Polls for the project's read-model row, within the Temporal call deadline. */
  private async readModelWritten(projectId: string): Promise<void> {
    const deadline = Date.now() + this.config.TEMPORAL_CALL_DEADLINE_MS;
    while (Date.now() < deadline) {
      const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM projects WHERE id = $1', [
        projectId,
      ]);
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
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
