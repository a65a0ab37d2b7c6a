import { Module } from '@nestjs/common';
import { PortfolioModule } from '../portfolio/portfolio.module';
import { PracticeFundModule } from '../practice-fund/practice-fund.module';
import { ReportPdfPrinter } from './report-pdf.printer';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [PortfolioModule, PracticeFundModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportPdfPrinter],
})
export class ReportsModule {}
