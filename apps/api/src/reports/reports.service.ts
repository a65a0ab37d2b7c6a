import { Injectable } from '@nestjs/common';
import { PortfolioService } from '../portfolio/portfolio.service';
import { PracticeFundService } from '../practice-fund/practice-fund.service';
import type { FunderReportQuery } from './dto/report.query';
import { funderReportHtml } from './funder-report.html';
import { ReportPdfPrinter } from './report-pdf.printer';

/** The funder report: the portfolio's headline figures and the fund's use, as a page or a PDF. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly portfolios: PortfolioService,
    private readonly fund: PracticeFundService,
    private readonly printer: ReportPdfPrinter,
  ) {}

  async html(query: FunderReportQuery): Promise<string> {
    const { from, to, college, partyBranch } = query;
    const portfolio = await this.portfolios.portfolio({ from, to, college, partyBranch });
    // The fund's use in the year the period ends in.
    const fund = await this.fund.year(Number(portfolio.period.to.slice(0, 4)));
    return funderReportHtml(portfolio, fund, query.lang ?? 'zh', new Date());
  }

  async pdf(query: FunderReportQuery): Promise<Buffer> {
    return this.printer.print(await this.html(query));
  }
}
