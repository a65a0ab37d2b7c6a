import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

/**
 * One project (`projectId`) or one period (`from` and `to`), not both: a rule between fields,
 * which the service answers as a 422 (`project-or-period`); each field's own form is a 400 here.
 */
export class AuditBundleQuery {
  /** The project whose rows the bundle carries in full. */
  @IsOptional()
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId?: string;

  /** Start of the period, inclusive: an ISO 8601 time, or a date (midnight Asia/Shanghai). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or time' })
  from?: string;

  /** End of the period, exclusive. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or time' })
  to?: string;
}
