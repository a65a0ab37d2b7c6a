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

function startedAs(history: History): string | null {
  return (
    history.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId || null
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

  /**
   * `closed`: the read model says the project ended, so its final run is most likely archived
   * and needs no server: the archive is read first and Temporal asked only if it lacks the
   * final run. For an open project the archive, `describe` and the latest run's history are
   * read side by side (one round trip instead of three in a row).
   */
  async runsOf(workflowId: string, closed = false): Promise<ProjectRuns> {
    let server = closed ? undefined : this.latestFromServer(workflowId);
    const archivedList = await archivedRunsOf(this.dataSource, workflowId);
    const archived = new Map(archivedList.map((run) => [run.runId, run]));
    if (!archivedList.some((run) => run.status !== 'CONTINUED_AS_NEW')) {
      server ??= this.latestFromServer(workflowId);
    }
    const latest = await this.latestRunId(archivedList, server?.described);
    const runs: ProjectRun[] = [];
    const missingRunIds: string[] = [];
    let runId = latest?.runId ?? null;
    let status = latest?.status ?? '';
    while (runId && runs.length < MAX_RUNS) {
      const prefetched = runId === latest?.runId ? server?.history : undefined;
      const run = await this.loadRun(workflowId, runId, status, archived.get(runId), prefetched);
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
    archived: ArchivedRun[],
    describing: Promise<{ runId: string; status: string }> | undefined,
  ): Promise<{ runId: string; status: string } | null> {
    const final = archived.find((run) => run.status !== 'CONTINUED_AS_NEW');
    if (final) return { runId: final.runId, status: final.status };
    try {
      if (!describing) throw new Error('no description of the latest run was asked for');
      return await describing;
    } catch (error) {
      if (!isMissing(error)) throw error;
      const last = archived.at(-1);
      return last ? { runId: last.runId, status: last.status } : null;
    }
  }

  /**
   * The current run as Temporal describes it and, at the same time, the latest run's history
   * (which `loadRun` uses only if it is the described run). Both settle quietly here: their
   * errors surface where they are awaited.
   */
  private latestFromServer(workflowId: string): {
    described: Promise<{ runId: string; status: string }>;
    history: Promise<History>;
  } {
    const described = this.temporal
      .call((client) => client.workflow.getHandle(workflowId).describe())
      .then((found) => ({ runId: found.runId, status: found.status.name }));
    const history = this.temporal.call((client) =>
      client.workflow.getHandle(workflowId).fetchHistory(),
    );
    described.catch(() => undefined);
    history.catch(() => undefined);
    return { described, history };
  }

  private async loadRun(
    workflowId: string,
    runId: string,
    status: string,
    archived: ArchivedRun | undefined,
    prefetched?: Promise<History>,
  ): Promise<ProjectRun | null> {
    const early = prefetched && (await prefetched.catch(() => undefined));
    // The history fetched beside `describe` is the described run's only if it started as
    // that run (a continue-as-new in between, or a reset, makes it another: fetched again).
    if (!archived && early && startedAs(early) === runId) {
      return { runId, source: 'temporal', status, history: early };
    }
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
