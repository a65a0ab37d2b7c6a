import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { RoleResult } from '../../../infra/fuzz/schemathesis-run';
import type { ScenarioTally } from './tally';

/** One interaction of a schemathesis VCR cassette (`--report vcr`), the fields judged here. */
interface CassetteInteraction {
  /** When the answer came (schemathesis records the interaction once it has it). */
  recorded_at: string;
  phase?: { name: string };
  checks: { name: string; status: string; message: string | null }[];
  request: {
    uri: string;
    method: string;
    headers?: Record<string, string[]>;
    body?: { string?: string };
  };
  response: null | { status: { code: string }; elapsed: string };
}

/** What the cassettes held, counted per verdict (the figures the scenario prints). */
export interface FuzzJudgement {
  requests: number;
  /** Requests that overlapped a fault window. */
  insideFaults: number;
  /** 5xx (or no answer) inside a window: the fault's doing, counted apart. */
  unavailableInside: number;
  /** 5xx (or no answer) outside every window: a failure. */
  serverErrorsOutside: number;
  /** A 2xx to a request the schema rejects (negative_data_rejection), wherever it fell. */
  acceptedBad: number;
  /** Other checks failed on an answer below 500 inside a window (not counted as failures). */
  failedChecksInside: number;
  /** Other checks failed on an answer below 500 outside every window: failures. */
  failedChecksOutside: number;
  /** Check name → [passed, failed], over every interaction. */
  checks: Map<string, [number, number]>;
}

/** Headers a reproducer does not need (the client sets them itself). */
const NOISE = new Set(['user-agent', 'accept-encoding', 'connection', 'content-length', 'accept']);

const quoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The request as a curl line, like the reproducer schemathesis prints for a failure (the
 * token shown as `[Filtered]`, as the cassette keeps it: put a role's token there to replay).
 */
export function curlLine(request: CassetteInteraction['request']): string {
  const parts = ['curl', '-X', request.method];
  for (const [name, values] of Object.entries(request.headers ?? {})) {
    if (NOISE.has(name.toLowerCase()) || name.toLowerCase().startsWith('x-schemathesis')) continue;
    for (const value of values) parts.push('-H', quoted(`${name}: ${value}`));
  }
  if (request.body?.string !== undefined) parts.push('--data-binary', quoted(request.body.string));
  parts.push(quoted(request.uri));
  return parts.join(' ');
}

function interactionsOf(path: string): CassetteInteraction[] {
  // Bodies may be large: no alias or size limit applies to a file schemathesis wrote itself.
  const cassette = parse(readFileSync(path, 'utf8'), { maxAliasCount: -1 }) as {
    http_interactions?: CassetteInteraction[] | null;
  };
  return cassette.http_interactions ?? [];
}

/**
 * Judges every interaction of every role's cassette against the tally's fault windows: an
 * answer ≥ 500 (or none) goes into the tally's server errors, with its time and curl line, so
 * the tally counts it inside or outside the windows like any client's; a 2xx to a bad input is
 * counted as accepted bad; any other failed check counts as a failure outside the windows only
 * (inside, a 503 earlier in a stateful run explains many). Answers the problems to report.
 */
export function judgeCassettes(
  results: RoleResult[],
  tally: ScenarioTally,
): {
  judgement: FuzzJudgement;
  problems: string[];
} {
  const judgement: FuzzJudgement = {
    requests: 0,
    insideFaults: 0,
    unavailableInside: 0,
    serverErrorsOutside: 0,
    acceptedBad: 0,
    failedChecksInside: 0,
    failedChecksOutside: 0,
    checks: new Map(),
  };
  const problems: string[] = [];
  for (const result of results) {
    if (!result.cassettePath) {
      problems.push(`schemathesis as ${result.role} wrote no cassette`);
      continue;
    }
    for (const interaction of interactionsOf(result.cassettePath)) {
      judgement.requests += 1;
      const to = Date.parse(interaction.recorded_at);
      // No answer: it waited for the request timeout (30 s) at most.
      const tookMs = interaction.response ? Number(interaction.response.elapsed) * 1000 : 30_000;
      const from = to - tookMs;
      const inside = tally.duringFault(from, to);
      if (inside) judgement.insideFaults += 1;
      const status = interaction.response ? Number(interaction.response.status.code) : 0;
      const curl = curlLine(interaction.request);
      for (const check of interaction.checks ?? []) {
        const counts = judgement.checks.get(check.name) ?? [0, 0];
        counts[check.status === 'FAILURE' ? 1 : 0] += 1;
        judgement.checks.set(check.name, counts);
      }
      if (status >= 500 || status === 0) {
        // The answer itself is the finding; checks failed on it (status code, positive data)
        // say the same again.
        tally.serverError(status, from, `${result.role}: ${curl}`, to);
        if (inside) judgement.unavailableInside += 1;
        else judgement.serverErrorsOutside += 1;
        continue;
      }
      for (const check of interaction.checks ?? []) {
        if (check.status !== 'FAILURE') continue;
        const what = `${check.name} (${result.role}, ${status}): ${check.message ?? ''}: ${curl}`;
        if (check.name === 'negative_data_rejection' && status >= 200 && status < 300) {
          judgement.acceptedBad += 1;
          tally.acceptedBad += 1;
          problems.push(`accepted bad input: ${what}`);
        } else if (inside) {
          judgement.failedChecksInside += 1;
        } else {
          judgement.failedChecksOutside += 1;
          problems.push(what);
        }
      }
    }
  }
  return { judgement, problems };
}
