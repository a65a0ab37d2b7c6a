import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth';
import { FunderReportQuery } from './dto/report.query';
import { ReportsService } from './reports.service';

@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The funder report of a period: a printable page, or `?format=pdf` printed on the server. */
  @Get('portfolio')
  @Roles('reviewer', 'staff', 'admin')
  async portfolio(
    @Query() query: FunderReportQuery,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<string | StreamableFile> {
    if (query.format === 'pdf') {
      return new StreamableFile(await this.reports.pdf(query), {
        type: 'application/pdf',
        disposition: 'attachment; filename="funder-report.pdf"',
      });
    }
    response.header('Content-Type', 'text/html; charset=utf-8');
    return this.reports.html(query);
  }
}
