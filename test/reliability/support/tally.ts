/** How one request a client meant to make ended, after its retries. */
export type Ending = 'accepted' | 'refused' | 'unresolved';

/** One decision (or one start: POST /projects) as a client meant it, with every attempt. */
export interface SentDecision {
  kind: 'decision' | 'start';
  client: string;
  action: string;
  /** The decisionId, or the Idempotency-Key of a start; the same on every attempt. */
  key: string;
  /** Known at once for a decision; for a start, from its answer (or found later by college). */
  projectId?: string;
  /** For a start: the application's college, unique per start, to count the projects it made. */
  college?: string;
  ending: Ending;
  attempts: number;
  lastStatus: number;
  /** The accepted answer's body. */
  answer?: Record<string, unknown>;
}

interface FaultWindow {
  label: string;
  from: number;
  to?: number;
}

interface ServerError {
  status: number;
  from: number;
  to: number;
  what: string;
}

/**
 * What one scenario sent and saw: every intended decision and start, every answer ≥ 500 with
 * its time, and the windows in which a fault was in force (from the fault until the system
 * answered again), so 503s inside them are counted apart from 5xx outside.
 */
export class ScenarioTally {
  readonly startedAt = Date.now();
  readonly sent: SentDecision[] = [];
  readonly serverErrors: ServerError[] = [];
  private readonly windows: FaultWindow[] = [];
  /** Responses that showed someone what is not theirs, or let them change it. */
  leaks = 0;
  /** Checks made besides decisions: access requests judged, poison inputs sent. */
  checks = 0;
  /** Inputs the API accepted although they must be refused, or stored other than sent. */
  acceptedBad = 0;
  /** Found by the verification: decisions accepted (or meant) that left no effect. */
  lost = 0;
  /** Found by the verification: decisions or starts that took effect more than once. */
  doubled = 0;
  /** Everything the verification found wrong, in words, for the failure message. */
  readonly problems: string[] = [];
  readonly notes: string[] = [];

  constructor(readonly scenario: string) {}

  openWindow(label: string): void {
    this.windows.push({ label, from: Date.now() });
  }

  /**
   * Closes the open window, `graceMs` from now: a scenario whose traffic it does not send
   * itself (the fuzzer's) gives requests already on their way when the fault was repaired a
   * moment to meet a caught-up system.
   */
  closeWindow(graceMs = 0): void {
    const open = this.windows.find((window) => window.to === undefined);
    if (open) open.to = Date.now() + graceMs;
  }

  get faultWindows(): readonly FaultWindow[] {
    return this.windows;
  }

  /** An answer ≥ 500 (or none: 0) to a request sent at `from` and answered at `to` (now). */
  serverError(status: number, from: number, what: string, to = Date.now()): void {
    this.serverErrors.push({ status, from, to, what });
  }

  /** Whether a request from `from` to `to` overlapped a fault window. */
  duringFault(from: number, to: number): boolean {
    return this.windows.some(
      (window) => to >= window.from && from <= (window.to ?? Number.POSITIVE_INFINITY),
    );
  }

  private inWindow(error: ServerError): boolean {
    return this.duringFault(error.from, error.to);
  }

  /** 5xx answers (and connections refused or cut, counted as 0) while no fault was in force. */
  get serverErrorsOutside(): ServerError[] {
    return this.serverErrors.filter((error) => !this.inWindow(error));
  }

  get serverErrorsInside(): ServerError[] {
    return this.serverErrors.filter((error) => this.inWindow(error));
  }

  problem(text: string): void {
    this.problems.push(text);
  }
}

export interface SummaryRow {
  scenario: string;
  sent: number;
  accepted: number;
  refused: number;
  lost: number;
  appliedTwice: number;
  serverErrorsOutsideFaults: number;
  unavailableInsideFaults: number;
  leaks: number;
  checks: number;
  acceptedBad: number;
  seconds: number;
  notes: string[];
  problems: string[];
}

export function summaryRow(tally: ScenarioTally): SummaryRow {
  const count = (ending: Ending) => tally.sent.filter((sent) => sent.ending === ending).length;
  const at = (time: number) => `${((time - tally.startedAt) / 1000).toFixed(1)} s`;
  const windows = tally.faultWindows.map(
    (window) => `${window.label} ${at(window.from)}–${window.to ? at(window.to) : 'end'}`,
  );
  const outside = tally.serverErrorsOutside.map(
    (error) => `${error.status} at ${at(error.from)}–${at(error.to)}: ${error.what}`,
  );
  return {
    scenario: tally.scenario,
    sent: tally.sent.length,
    accepted: count('accepted'),
    refused: count('refused'),
    lost: tally.lost,
    appliedTwice: tally.doubled,
    serverErrorsOutsideFaults: tally.serverErrorsOutside.length,
    unavailableInsideFaults: tally.serverErrorsInside.length,
    leaks: tally.leaks,
    checks: tally.checks,
    acceptedBad: tally.acceptedBad,
    seconds: Math.round((Date.now() - tally.startedAt) / 100) / 10,
    notes: [
      ...tally.notes,
      ...(windows.length > 0 ? [`fault windows: ${windows.join(', ')}`] : []),
    ],
    problems: [...tally.problems, ...outside],
  };
}

/** The summary as a Markdown table, the form the README shows. */
export function summaryTable(rows: readonly SummaryRow[]): string {
  const header = [
    'scenario',
    'decisions sent',
    'accepted',
    'refused',
    'lost',
    'applied twice',
    '5xx outside faults',
    '503 or no answer inside faults',
    'leaks',
    'access / poison checks, fuzz requests',
    'accepted bad',
    'time (s)',
  ];
  const lines = rows.map((row) =>
    [
      row.scenario,
      row.sent,
      row.accepted,
      row.refused,
      row.lost,
      row.appliedTwice,
      row.serverErrorsOutsideFaults,
      row.unavailableInsideFaults,
      row.leaks,
      row.checks,
      row.acceptedBad,
      row.seconds,
    ].join(' | '),
  );
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines.map((line) => `| ${line} |`),
  ].join('\n');
}
