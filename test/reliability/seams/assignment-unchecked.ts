import { Injectable } from '@nestjs/common';
import type { TestingModuleBuilder } from '@nestjs/testing';
import type { Actor } from '@app/domain';
import type { StoredProject } from '@app/persistence';
import { ProjectAccessService } from '../../../apps/api/src/projects/project-access.service';

/**
 * Test-only seam: one permission check left out. A mentor to whom a project is only proposed
 * (or was proposed and declined) reads its documents and timeline as if assigned; the access
 * scenario must then report leaks.
 */
@Injectable()
class AssignmentUncheckedAccessService extends ProjectAccessService {
  override assignedProject(projectId: string, actor: Actor, what: string): Promise<StoredProject> {
    return super.visibleProject(projectId, actor, what);
  }
}

export const assignmentUnchecked = (builder: TestingModuleBuilder): TestingModuleBuilder =>
  builder.overrideProvider(ProjectAccessService).useClass(AssignmentUncheckedAccessService);
