import { BadRequestException, ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  rules: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, rules: Object.values(error.constraints) }] : [];
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
