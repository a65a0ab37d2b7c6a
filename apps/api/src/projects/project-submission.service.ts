import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import {
  claimTitle,
  completeSubmission,
  findSubmission,
  insertSubmission,
  projectStageAndCollege,
  SubmissionClaim,
  upsertProjectSnapshot,
} from '@app/persistence';
import {
  Actor,
  Application,
  canonicalJson,
  checkEligibility,
  createInitialState,
  normaliseName,
  sha256Hex,
} from '@app/domain';
import {
  projectSnapshotOf,
  projectStartOptions,
  projectWorkflow,
  projectWorkflowId,
  ProjectView,
  ProjectWorkflowInput,
  stateQuery,
} from '@app/workflows/public-api';
import { RefusalException } from '../common/refusal.exception';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { SubmissionCheckpoints } from './submission-checkpoints';

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
 * Submitting an application: eligibility at once, the title claimed in the database together
 * with the workflow's start input, then the workflow started with the deployment's policy.
 *
 * One start makes one project whatever fails: a start whose answer was lost (a deadline, a
 * crash) keeps its claim, and the same request again (same caller, same Idempotency-Key)
 * issues the same start again, which Temporal answers "already started" if the first one got
 * through. Claims nobody retries are finished by the worker's reconciler.
 */
@Injectable()
export class ProjectSubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalGateway,
    private readonly config: AppConfig,
    private readonly checkpoints: SubmissionCheckpoints,
  ) {}

  async submit(
    actor: Actor,
    idempotencyKey: string,
    application: Application,
  ): Promise<SubmittedProject> {
    const requestHash = sha256Hex(canonicalJson(application));
    const earlier = await findSubmission(this.dataSource, actor.userId, idempotencyKey);
    if (earlier) return this.answerRepeat(earlier, requestHash);

    const problems = checkEligibility(application);
    if (problems.length > 0) throw new RefusalException(problems);
    await this.checkPreviousProject(application);

    const projectId = randomUUID();
    const input: ProjectWorkflowInput = {
      projectId,
      application,
      policy: this.config.policy,
      submittedBy: actor,
      submittedAt: new Date().toISOString(),
    };
    const claimed = await this.claim(input, idempotencyKey, requestHash, actor);
    if (claimed !== 'claimed') return claimed;
    this.checkpoints.afterClaim(projectId);
    return this.start(input);
  }

  /** A re-application names an earlier project of its college that ended REJECTED or WITHDRAWN. */
  private async checkPreviousProject(application: Application): Promise<void> {
    const previous = application.previousProjectId;
    if (previous === undefined) return;
    const found = await projectStageAndCollege(this.dataSource, previous);
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

  /** The same key again: the first answer, or the first start finished now. */
  private async answerRepeat(
    earlier: SubmissionClaim,
    requestHash: string,
  ): Promise<SubmittedProject> {
    if (earlier.requestHash !== requestHash) {
      throw new RefusalException([
        {
          kind: 'RuleRefused',
          rule: 'idempotency-key-reused',
          field: 'Idempotency-Key',
          message: 'This Idempotency-Key was already used for a different application.',
        },
      ]);
    }
    if (earlier.response !== null) return earlier.response as SubmittedProject;
    if (earlier.startInput === null) {
      // A claim from before start inputs were kept: only the reconciler can settle it.
      throw new RefusalException([
        {
          kind: 'WrongStage',
          rule: 'submission-in-progress',
          field: 'Idempotency-Key',
          message:
            'The first submission with this Idempotency-Key is still being processed; retry shortly.',
        },
      ]);
    }
    return this.start(earlier.startInput as ProjectWorkflowInput, earlier.taskQueue);
  }

  /**
   * Starts the workflow (again, if need be) and keeps the answer. Any failure leaves the claim
   * in place: Temporal may have started the workflow although its answer never came.
   */
  private async start(
    input: ProjectWorkflowInput,
    taskQueue: string | null = this.config.TEMPORAL_TASK_QUEUE,
  ): Promise<SubmittedProject> {
    const options = projectStartOptions(input, taskQueue ?? this.config.TEMPORAL_TASK_QUEUE);
    try {
      await this.temporal.call((client) => client.workflow.start(projectWorkflow, options));
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    // No wait for the workflow's own records: decisions and GET /projects/:id find the project
    // through the row claim() wrote, and the workflow records each decision after its
    // applicationSubmitted entry.
    const state = await this.firstState(options.workflowId);
    const answer: SubmittedProject = {
      projectId: input.projectId,
      workflowId: options.workflowId,
      state,
    };
    return (await completeSubmission(this.dataSource, input.projectId, answer)) as SubmittedProject;
  }

  /**
   * Claims the key and the title, keeps the start input, and writes the project's first
   * read-model row (version 0, replaced by the workflow's first record), in one transaction:
   * once the caller has the id, decisions and reads find the project.
   */
  private async claim(
    input: ProjectWorkflowInput,
    key: string,
    requestHash: string,
    actor: Actor,
  ): Promise<SubmittedProject | 'claimed'> {
    const { projectId, application } = input;
    const workflowId = projectWorkflowId(projectId);
    const submittedAt = input.submittedAt ?? new Date().toISOString();
    try {
      await this.dataSource.transaction(async (manager) => {
        await insertSubmission(manager, {
          idempotencyKey: key,
          submittedBy: actor.userId,
          requestHash,
          projectId,
          workflowId,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          startInput: input,
        });
        await claimTitle(manager, {
          projectId,
          college: application.college,
          normalizedTitle: normaliseName(application.title),
        });
        const initial = createInitialState(projectId, application, submittedAt);
        await upsertProjectSnapshot(manager, {
          ...projectSnapshotOf(initial, workflowId, submittedAt),
          version: 0,
        });
      });
      return 'claimed';
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
      if (isUniqueViolation(error, 'ux_project_submissions_caller_key')) {
        // The same key arrived twice at once: answer like a repeat.
        const earlier = await findSubmission(this.dataSource, actor.userId, key);
        if (earlier) return this.answerRepeat(earlier, requestHash);
      }
      throw error;
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
