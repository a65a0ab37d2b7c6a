import { AuditEvent } from './audit-event.entity';
import { ProjectReadModel } from './project-read-model.entity';
import { Mentor } from './mentor.entity';
import { TitleClaim } from './title-claim.entity';
import { User } from './user.entity';

export { AuditEvent, Mentor, ProjectReadModel, TitleClaim, User };

export const ENTITIES = [ProjectReadModel, TitleClaim, AuditEvent, Mentor, User];
