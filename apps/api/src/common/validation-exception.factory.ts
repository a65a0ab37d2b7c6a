import {
  BadRequestException,
  HttpException,
  UnprocessableEntityException,
  ValidationError,
} from '@nestjs/common';

export interface FieldProblem {
  field: string;
  rules: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // A field that is missing altogether is first of all required, whatever else it breaks.
    const rules = error.constraints ? Object.values(error.constraints) : [];
    const missing = error.value === undefined && rules.length > 0;
    const own = error.constraints
      ? [{ field, rules: missing ? [`${field} is required`, ...rules] : rules }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Turns class-validator errors into a 400 whose body names each field (with its path inside
 * nested objects and lists) and the rule it broke.
 */
export function validationExceptionFactory(errors: ValidationError[]): HttpException {
  const crossField = crossFieldRefusal(errors);
  if (crossField) return crossField;
  const problems = flatten(errors);
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: problems.map((problem) => problem.rules.join('; ')).join('; '),
    problems,
  });
}

/**
 * Rules that relate two fields, which no schema can state (OpenAPI cannot say "from not after
 * to"): a request that breaks only those is well formed, so it is a 422 naming the rule.
 */
const CROSS_FIELD_RULES: Record<string, string> = { fromNotAfterTo: 'period-order' };

function crossFieldRefusal(errors: ValidationError[]): UnprocessableEntityException | undefined {
  const all = errors.flatMap((error) =>
    Object.entries(error.constraints ?? {}).map(([name, message]) => ({
      name,
      message,
      field: error.property,
    })),
  );
  const nested = errors.some((error) => (error.children ?? []).length > 0);
  if (nested || all.length === 0 || !all.every((one) => one.name in CROSS_FIELD_RULES)) {
    return undefined;
  }
  const [first] = all;
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: all.map((one) => one.message).join('; '),
    field: first.field,
    rule: CROSS_FIELD_RULES[first.name],
    problems: all.map((one) => ({ field: one.field, rules: [one.message] })),
  });
}
