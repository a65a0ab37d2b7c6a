import { BadRequestException, ValidationError } from '@nestjs/common';

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
export function validationExceptionFactory(errors: ValidationError[]): BadRequestException {
  const problems = flatten(errors);
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: problems.map((problem) => problem.rules.join('; ')).join('; '),
    problems,
  });
}
