import { Injectable } from '@nestjs/common';
import { isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import { ArchivedRun, archivedRunsOf } from '@app/persistence';
import { TemporalGateway } from '../temporal/temporal.gateway';

export type History = temporal.api.history.v1.IHistory;

/** One run of a project's workflow, from the archive when it is there, else from Temporal. */
export interface ProjectRun {
  runId: string;
  source: 'archive' | 'temporal';
  /** How the run closed (COMPLETED, CONTINUED_AS_NEW, …), or RUNNING. */
  status: string;
  history: History;
}

export interface ProjectRuns {
  workflowId: string;
  /** The earliest run first. */
  runs: ProjectRun[];
  /** Earlier runs that neither the archive nor Temporal holds any more. */
  missingRunIds: string[];
}

const NOT_FOUND = 5;
const MAX_RUNS = 1_000;

function continuedFrom(history: History): string | null {
  return (
    history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || null
  );
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof WorkflowNotFoundError ||
    (isGrpcServiceError(error) && Number(error.code) === NOT_FOUND)
  );
}

/**
 * Joins a project's runs in order. The archive is preferred for every run it holds (the same
 * bytes whether Temporal still has the run or not); Temporal supplies the runs not archived
 * yet, the open one included. The chain is walked back from the latest run through each run's
 * `continuedExecutionRunId`, so no run is skipped even while visibility lags.
 */
@Injectable()
export class ProjectRunsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalGateway,
  ) {}

  async runsOf(workflowId: string): Promise<ProjectRuns> {
    const archived = new Map(
      (await archivedRunsOf(this.dataSource, workflowId)).map((run) => [run.runId, run]),
    );
    const latest = await this.latestRunId(workflowId, [...archived.values()]);
    const runs: ProjectRun[] = [];
    const missingRunIds: string[] = [];
    let runId = latest?.runId ?? null;
    let status = latest?.status ?? '';
    while (runId && runs.length < MAX_RUNS) {
      const run = await this.loadRun(workflowId, runId, status, archived.get(runId));
      if (!run) {
        missingRunIds.push(runId);
        break;
      }
      runs.push(run);
      runId = continuedFrom(run.history);
      status = 'CONTINUED_AS_NEW';
    }
    return { workflowId, runs: runs.reverse(), missingRunIds };
  }

  /** The SDK's JSON of one history: what `temporal workflow show --output json` prints. */
  static historyJson(run: ProjectRun): object {
    return JSON.parse(historyToJSON(run.history)) as object;
  }

  /**
   * The last run: the archived run that ended the workflow (it needs no server), else the
   * current run as Temporal describes it, else the latest archived run.
   */
  private async latestRunId(
    workflowId: string,
    archived: ArchivedRun[],
  ): Promise<{ runId: string; status: string } | null> {
    const final = archived.find((run) => run.status !== 'CONTINUED_AS_NEW');
    if (final) return { runId: final.runId, status: final.status };
    try {
      const described = await this.temporal.call((client) =>
        client.workflow.getHandle(workflowId).describe(),
      );
      return { runId: described.runId, status: described.status.name };
    } catch (error) {
      if (!isMissing(error)) throw error;
      const last = archived.at(-1);
      return last ? { runId: last.runId, status: last.status } : null;
    }
  }

  private async loadRun(
    workflowId: string,
    runId: string,
    status: string,
    archived: ArchivedRun | undefined,
  ): Promise<ProjectRun | null> {
    if (archived) {
      return {
        runId,
        source: 'archive',
        status: archived.status,
        history: historyFromJSON(JSON.parse(archived.history)),
      };
    }
    try {
      const history = await this.temporal.call((client) =>
        client.workflow.getHandle(workflowId, runId).fetchHistory(),
      );
      return { runId, source: 'temporal', status, history };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }
}
