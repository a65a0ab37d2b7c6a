import { AuditEvent } from './audit-event.entity';
import { ProjectReadModel } from './project-read-model.entity';
import { TitleClaim } from './title-claim.entity';

export { AuditEvent, ProjectReadModel, TitleClaim };

export const ENTITIES = [ProjectReadModel, TitleClaim, AuditEvent];
