import { Module } from '@nestjs/common';
import { ProjectHistoryModule } from '../project-history/project-history.module';
import { AuditBundleService } from './audit-bundle.service';
import { AuditExportService } from './audit-export.service';
import { AuditTrailService } from './audit-trail.service';
import { AuditController } from './audit.controller';

/** Reviewers' audit: chain verification, signed checkpoints and the bulk export. */
@Module({
  imports: [ProjectHistoryModule],
  controllers: [AuditController],
  providers: [AuditTrailService, AuditExportService, AuditBundleService],
})
export class AuditModule {}
