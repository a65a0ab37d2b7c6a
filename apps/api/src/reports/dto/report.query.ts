import { IsIn, IsOptional } from 'class-validator';
import { PortfolioPeriodQuery } from '../../portfolio/dto/portfolio.query';

export class FunderReportQuery extends PortfolioPeriodQuery {
  /** zh (default) or en. */
  @IsOptional()
  @IsIn(['zh', 'en'])
  lang?: 'zh' | 'en';

  /** html (default, printable) or pdf (printed on the server). */
  @IsOptional()
  @IsIn(['html', 'pdf'])
  format?: 'html' | 'pdf';
}
