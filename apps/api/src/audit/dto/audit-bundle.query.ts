import { IsISO8601, IsOptional, IsUUID, ValidateIf } from 'class-validator';

/** One project (`projectId`) or one period (`from` and `to`), not both. */
export class AuditBundleQuery {
  /** The project whose rows the bundle carries in full. */
  @IsOptional()
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId?: string;

  /** Start of the period, inclusive: an ISO 8601 time, or a date (midnight Asia/Shanghai). */
  @ValidateIf((query: AuditBundleQuery) => query.projectId === undefined)
  @IsISO8601(
    { strict: true },
    { message: 'from is required (without projectId) and must be an ISO 8601 date or time' },
  )
  from?: string;

  /** End of the period, exclusive. */
  @ValidateIf((query: AuditBundleQuery) => query.projectId === undefined)
  @IsISO8601(
    { strict: true },
    { message: 'to is required (without projectId) and must be an ISO 8601 date or time' },
  )
  to?: string;
}
