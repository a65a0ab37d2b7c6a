import { Global, Module } from '@nestjs/common';
import { AdminAuditService } from './admin-audit.service';

/** Global, so every feature module's admin operations reach the one audited path. */
@Global()
@Module({ providers: [AdminAuditService], exports: [AdminAuditService] })
export class AdminAuditModule {}
