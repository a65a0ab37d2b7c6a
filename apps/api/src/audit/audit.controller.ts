import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuditBundle, AuditCheckpointView, AuditTrailVerification } from '@app/persistence';
import { Roles } from '../auth';
import { AuditBundleService } from './audit-bundle.service';
import { AuditExport, AuditExportService } from './audit-export.service';
import { AuditCheckpointList, AuditTrailService } from './audit-trail.service';
import { AuditBundleQuery } from './dto/audit-bundle.query';
import { AuditExportQuery } from './dto/audit-export.query';

@Controller('audit')
export class AuditController {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly exports: AuditExportService,
    private readonly bundles: AuditBundleService,
  ) {}

  /**
   * A signed bundle of one project's (or one period's) rows, from one checkpoint to another,
   * to keep outside the center and check with `npm run audit:verify -- --bundle FILE`.
   */
  @Get('bundle')
  @Roles('reviewer', 'admin')
  async bundle(
    @Query() query: AuditBundleQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditBundle> {
    const bundle = await this.bundles.bundle(query);
    const name = 'projectId' in bundle.scope ? `project-${bundle.scope.projectId}` : 'period';
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-bundle-${name}-seq-${bundle.end.seq}.json"`,
    );
    return bundle;
  }

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
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditExport | string> {
    const exported = await this.exports.export(query.from, query.to);
    if (query.format !== 'csv') return exported;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="audit-export.csv"');
    return AuditExportService.csv(exported);
  }
}
