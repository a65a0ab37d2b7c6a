/** One problem the API named: its rule, the field it concerns and its own words. */
export interface ServerProblem {
  rule?: string;
  field?: string;
  message: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A refused request. The error body is read at run time rather than typed: the API answers
 * `{ statusCode, message, rule?, field?, problems? }` for refusals and validation failures.
 */
export class ApiError extends Error {
  readonly rule?: string;
  readonly field?: string;
  readonly problems: ServerProblem[];

  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    super(text(fields.message) ?? `HTTP ${status}`);
    this.rule = text(fields.rule);
    this.field = text(fields.field);
    const listed = Array.isArray(fields.problems) ? (fields.problems as unknown[]) : [];
    this.problems = listed.flatMap((raw): ServerProblem[] => {
      if (typeof raw !== 'object' || raw === null) return [];
      const item = raw as Record<string, unknown>;
      // Validation (400) lists `rules` as sentences; refusals (422) name one `rule`.
      const sentences = Array.isArray(item.rules)
        ? item.rules.filter((r) => typeof r === 'string')
        : [];
      return [
        {
          rule: text(item.rule),
          field: text(item.field),
          message: text(item.message) ?? sentences.join('; '),
        },
      ];
    });
    if (this.problems.length === 0) {
      this.problems = [{ rule: this.rule, field: this.field, message: this.message }];
    }
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
