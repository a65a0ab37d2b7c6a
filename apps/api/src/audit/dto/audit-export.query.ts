import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export class AuditExportQuery {
  /** Start of the period, inclusive: an ISO 8601 time, or a date (midnight Asia/Shanghai). */
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or time' })
  from!: string;

  /** End of the period, exclusive: an ISO 8601 time, or a date (midnight Asia/Shanghai). */
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or time' })
  to!: string;

  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
