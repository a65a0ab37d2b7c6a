import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuditCheckpointView, AuditTrailVerification } from '@app/persistence';
import { Roles } from '../auth';
import { AuditExport, AuditExportService } from './audit-export.service';
import { AuditCheckpointList, AuditTrailService } from './audit-trail.service';
import { AuditExportQuery } from './dto/audit-export.query';

@Controller('audit')
export class AuditController {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly exports: AuditExportService,
  ) {}

  /** Walks the chain and holds it against every signed checkpoint. */
  @Get('verify')
  @Roles('reviewer', 'admin')
  verify(): Promise<AuditTrailVerification> {
    return this.trail.verify();
  }

  /** The signed checkpoints with the public keys, for reviewers to keep copies. */
  @Get('checkpoints')
  @Roles('reviewer', 'admin')
  checkpoints(): Promise<AuditCheckpointList> {
    return this.trail.checkpoints();
  }

  /** Signs the chain's head now (the worker also does so at an interval). */
  @Post('checkpoints')
  @HttpCode(201)
  @Roles('admin')
  sign(): Promise<AuditCheckpointView> {
    return this.trail.signNow();
  }

  /** Every project's timeline entries within a period, as JSON or CSV. */
  @Get('export')
  @Roles('reviewer', 'admin')
  async export(
    @Query() query: AuditExportQuery,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AuditExport | string> {
    const exported = await this.exports.export(query.from, query.to);
    if (query.format !== 'csv') return exported;
    response.header('Content-Type', 'text/csv; charset=utf-8');
    response.header('Content-Disposition', 'attachment; filename="audit-export.csv"');
    return AuditExportService.csv(exported);
  }
}
