import { NotFoundException, Injectable } from '@nestjs/common';
import type { Actor } from '@app/domain';
import { ProjectRunsService } from './project-runs.service';
import { ProjectHistoryAccess } from './timeline.service';

export interface ProjectHistoryDownload {
  projectId: string;
  workflowId: string;
  /** Every run, the earliest first, each as the SDK's history JSON. */
  runs: { runId: string; source: 'archive' | 'temporal'; status: string; history: unknown }[];
  missingRunIds: string[];
}

/**
 * The raw event histories, as the SDK's JSON (what `temporal workflow show --output json
 * --no-json-shorthand-payloads` prints): all runs of the project in order, or one run by id,
 * which is then exactly one history that `npm run replay` and `Worker.runReplayHistory` take.
 */
@Injectable()
export class RawHistoryService {
  constructor(
    private readonly access: ProjectHistoryAccess,
    private readonly runs: ProjectRunsService,
  ) {}

  async download(projectId: string, actor: Actor): Promise<ProjectHistoryDownload> {
    const row = await this.access.rawHistoryProject(projectId, actor, 'history');
    const joined = await this.runs.runsOf(row.workflowId);
    return {
      projectId,
      workflowId: joined.workflowId,
      runs: joined.runs.map((run) => ({
        runId: run.runId,
        source: run.source,
        status: run.status,
        history: ProjectRunsService.historyJson(run),
      })),
      missingRunIds: joined.missingRunIds,
    };
  }

  async downloadRun(projectId: string, runId: string, actor: Actor): Promise<object> {
    const row = await this.access.rawHistoryProject(projectId, actor, 'history');
    const joined = await this.runs.runsOf(row.workflowId);
    const run = joined.runs.find((candidate) => candidate.runId === runId);
    if (!run) throw new NotFoundException(`run ${runId} of project ${projectId} not found`);
    return ProjectRunsService.historyJson(run);
  }
}
