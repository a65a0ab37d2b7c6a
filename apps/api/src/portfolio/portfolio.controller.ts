import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/roles.decorator';
import { PortfolioQuery } from './dto/portfolio.query';
import { portfolioCsv } from './portfolio-csv';
import { PortfolioService } from './portfolio.service';
import type { Portfolio } from './portfolio.types';

@Controller('portfolio')
export class PortfolioController {
  constructor(private readonly portfolios: PortfolioService) {}

  /** The portfolio figures of a period; `?format=csv` as a spreadsheet. */
  @Get()
  @Roles('reviewer', 'staff', 'admin')
  async portfolio(
    @Query() query: PortfolioQuery,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<Portfolio | string> {
    const portfolio = await this.portfolios.portfolio(query);
    if (query.format !== 'csv') return portfolio;
    response.header('Content-Type', 'text/csv; charset=utf-8');
    response.header(
      'Content-Disposition',
      `attachment; filename="portfolio-${portfolio.period.from}-${portfolio.period.to}.csv"`,
    );
    return portfolioCsv(portfolio);
  }
}
