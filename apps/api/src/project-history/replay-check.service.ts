import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Actor } from '@app/domain';
import { AppConfig } from '@app/config';
import { temporalDataConverter } from '@app/temporal-connection';
import { ProjectRunsService } from './project-runs.service';
import { ProjectHistoryAccess } from './timeline.service';
import { WarmReplayer } from './warm-replayer';
import {
  loadWorkflowBundle,
  ReplayReport,
  replayRuns,
  WorkflowBundle,
  warmReplayer,
} from './workflow-replay';

export interface ProjectReplayCheck extends ReplayReport {
  projectId: string;
  workflowId: string;
}

/**
 * Replays a project's runs against the workflow code this deployment runs, server-side. The
 * bundle is loaded (or made) once per process, on the first check, and one replay worker stays
 * warm between checks (a minute), so a check costs the replay, not a worker's start.
 */
@Injectable()
export class ReplayCheckService implements OnModuleDestroy {
  private bundle: Promise<WorkflowBundle> | undefined;
  private readonly replayer: WarmReplayer;

  constructor(
    private readonly config: AppConfig,
    private readonly access: ProjectHistoryAccess,
    private readonly runs: ProjectRunsService,
  ) {
    this.replayer = warmReplayer(
      () => this.workflowBundle(),
      undefined,
      temporalDataConverter(config),
    );
  }

  async check(projectId: string, actor: Actor): Promise<ProjectReplayCheck> {
    const row = await this.access.rawHistoryProject(projectId, actor, 'replay-check');
    const { workflowId, runs } = await this.runs.runsOf(row.workflowId);
    const report = await replayRuns(this.replayer, workflowId, runs);
    return { projectId, workflowId, ...report };
  }

  async onModuleDestroy(): Promise<void> {
    await this.replayer.close();
  }

  private workflowBundle(): Promise<WorkflowBundle> {
    this.bundle ??= loadWorkflowBundle(this.config.WORKFLOW_BUNDLE_PATH).catch((error: unknown) => {
      this.bundle = undefined;
      throw error;
    });
    return this.bundle;
  }
}
