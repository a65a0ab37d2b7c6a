import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditEvent } from './audit-event.entity';
import { AuthToken } from './auth-token.entity';
import { CalendarOverride } from './calendar-override.entity';
import { Mentor } from './mentor.entity';
import { MentorAssignment } from './mentor-assignment.entity';
import { Notification } from './notification.entity';
import { PlanDocument } from './plan-document.entity';
import { ProjectReadModel } from './project-read-model.entity';
import { ProjectSubmission } from './project-submission.entity';
import { SecurityEvent } from './security-event.entity';
import { TitleClaim } from './title-claim.entity';
import { User } from './user.entity';
import { WorkflowRunArchive } from './workflow-run-archive.entity';

export {
  AuditCheckpoint,
  AuditEvent,
  AuthToken,
  CalendarOverride,
  Mentor,
  MentorAssignment,
  Notification,
  PlanDocument,
  ProjectReadModel,
  ProjectSubmission,
  SecurityEvent,
  TitleClaim,
  User,
  WorkflowRunArchive,
};

export const ENTITIES = [
  ProjectReadModel,
  TitleClaim,
  AuditEvent,
  Mentor,
  User,
  CalendarOverride,
  MentorAssignment,
  Notification,
  AuthToken,
  SecurityEvent,
  ProjectSubmission,
  AuditCheckpoint,
  WorkflowRunArchive,
  PlanDocument,
];
