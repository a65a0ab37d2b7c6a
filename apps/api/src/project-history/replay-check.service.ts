import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/domain';
import { AppConfig } from '@app/config';
import { ProjectRunsService } from './project-runs.service';
import { ProjectHistoryAccess } from './timeline.service';
import { loadWorkflowBundle, ReplayReport, replayRuns, WorkflowBundle } from './workflow-replay';

export interface ProjectReplayCheck extends ReplayReport {
  projectId: string;
  workflowId: string;
}

/**
 * Replays a project's runs against the workflow code this deployment runs, server-side. The
 * bundle is loaded (or made) once per process, on the first check.
 */
@Injectable()
export class ReplayCheckService {
  private bundle: Promise<WorkflowBundle> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly access: ProjectHistoryAccess,
    private readonly runs: ProjectRunsService,
  ) {}

  async check(projectId: string, actor: Actor): Promise<ProjectReplayCheck> {
    const row = await this.access.readableProject(projectId, actor, 'replay-check');
    const { workflowId, runs } = await this.runs.runsOf(row.workflow_id);
    const report = await replayRuns(await this.workflowBundle(), workflowId, runs);
    return { projectId, workflowId, ...report };
  }

  private workflowBundle(): Promise<WorkflowBundle> {
    this.bundle ??= loadWorkflowBundle(this.config.WORKFLOW_BUNDLE_PATH).catch((error: unknown) => {
      this.bundle = undefined;
      throw error;
    });
    return this.bundle;
  }
}
