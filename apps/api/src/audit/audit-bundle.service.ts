import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import {
  AuditBundle,
  AuditBundleScope,
  AuditBundleUnavailableError,
  AuditChainBrokenError,
  exportAuditBundle,
  projectExists,
  signAuditCheckpoint,
} from '@app/persistence';
import { periodBound } from './audit-export.service';
import { AuditBundleQuery } from './dto/audit-bundle.query';

/**
 * Signed audit bundles for reviewers to keep outside the center. When this deployment signs,
 * the head is signed first, so the bundle reaches the newest row; otherwise it ends at the
 * latest checkpoint the worker signed.
 */
@Injectable()
export class AuditBundleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async bundle(query: AuditBundleQuery): Promise<AuditBundle> {
    const scope = this.scopeOf(query);
    if ('projectId' in scope) {
      if (!(await projectExists(this.dataSource, scope.projectId)))
        throw new NotFoundException(`project ${scope.projectId} not found`);
    }
    const key = this.config.auditSigningKey;
    try {
      if (key) await signAuditCheckpoint(this.dataSource, key, { onlyIfAdvanced: true });
      return await exportAuditBundle(this.dataSource, scope);
    } catch (error) {
      if (error instanceof AuditChainBrokenError) {
        throw new ConflictException({
          message: error.message,
          brokenAtSeq: error.verification.brokenAtSeq,
        });
      }
      if (error instanceof AuditBundleUnavailableError) {
        throw new ConflictException({ message: error.message, rule: error.reason });
      }
      throw error;
    }
  }

  private scopeOf(query: AuditBundleQuery): AuditBundleScope {
    if (query.projectId !== undefined) {
      if (query.from !== undefined || query.to !== undefined) {
        throw new UnprocessableEntityException({
          message: 'projectId or a period (from, to): not both',
          field: 'projectId',
          rule: 'project-or-period',
        });
      }
      return { projectId: query.projectId };
    }
    if (query.from === undefined || query.to === undefined) {
      throw new UnprocessableEntityException({
        message: 'send projectId, or a period with both from and to',
        field: query.from === undefined ? 'from' : 'to',
        rule: 'project-or-period',
      });
    }
    const from = periodBound(query.from ?? '');
    const to = periodBound(query.to ?? '');
    if (!(from < to)) {
      throw new UnprocessableEntityException({ message: 'from must be before to', field: 'from' });
    }
    return { from, to };
  }
}
