import { IsIn, IsOptional } from 'class-validator';

export class TimelineQuery {
  /** `json` (the default) or `csv` (UTF-8 with BOM, for spreadsheets). */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
