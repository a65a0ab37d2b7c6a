import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { Roles } from '../auth';
import { FunderReportQuery } from './dto/report.query';
import { ReportsService } from './reports.service';

@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /**
   * The funder report of a period: a printable page, or `?format=pdf` printed on the server.
   * Both are documents (not JSON), declared as such for generated clients.
   */
  @Get('portfolio')
  @Roles('reviewer', 'staff', 'admin')
  @ApiProduces('text/html', 'application/pdf')
  async portfolio(@Query() query: FunderReportQuery): Promise<StreamableFile> {
    if (query.format === 'pdf') {
      return new StreamableFile(await this.reports.pdf(query), {
        type: 'application/pdf',
        disposition: 'attachment; filename="funder-report.pdf"',
      });
    }
    return new StreamableFile(Buffer.from(await this.reports.html(query), 'utf8'), {
      type: 'text/html; charset=utf-8',
    });
  }
}
