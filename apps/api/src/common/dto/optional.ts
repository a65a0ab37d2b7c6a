import { ValidateIf } from 'class-validator';

/**
 * A body field that may be left out; left out means "not given" (on a PATCH: unchanged). Unlike
 * `@IsOptional()`, which skips null as well, null is validated like any other value, so the
 * field's own rules refuse it (400 naming the field) unless they allow it. The full fuzz runs
 * found null let through this way: a 500 on `declaredConflicts`, and 200s that stored or ignored
 * a null the spec did not allow. Query parameters cannot be null and keep `@IsOptional()`.
 */
export const Optional = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
