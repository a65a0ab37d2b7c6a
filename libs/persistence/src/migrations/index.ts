import { InitialSchema1764316800000 } from './1764316800000-initial-schema';
import { UsersAndMentors1764320400000 } from './1764320400000-users-and-mentors';
import { CalendarAssignmentsNotifications1764324000000 } from './1764324000000-calendar-assignments-notifications';
import { AuthTokensAndSecurityEvents1764334800000 } from './1764334800000-auth-tokens-and-security-events';
import { ProjectSubmissions1764338400000 } from './1764338400000-project-submissions';
import { AuditCheckpointsAndHistoryArchive1764345600000 } from './1764345600000-audit-checkpoints-and-history-archive';
import { PlanDocumentsAndInbox1764349200000 } from './1764349200000-plan-documents-and-inbox';
import { AssignedMentor1764352800000 } from './1764352800000-assigned-mentor';
import { SubmissionStartInput1764990013000 } from './1764990013000-submission-start-input';
import { AdministrationAudit1764361414000 } from './1764361414000-administration-audit';
import { MentorAnswerNotifications1764361414100 } from './1764361414100-mentor-answer-notifications';
import { ProjectRecords1764417600000 } from './1764417600000-project-records';
import { StageStays1764417700000 } from './1764417700000-stage-stays';
import { PracticeFund1764417800000 } from './1764417800000-practice-fund';
import { ProjectListIndex1764999000000 } from './1764999000000-project-list-index';

/** Every migration in order. Listed explicitly so the build, Jest and the CLI load the same set. */
export const MIGRATIONS = [
  InitialSchema1764316800000,
  UsersAndMentors1764320400000,
  CalendarAssignmentsNotifications1764324000000,
  AuthTokensAndSecurityEvents1764334800000,
  ProjectSubmissions1764338400000,
  AuditCheckpointsAndHistoryArchive1764345600000,
  PlanDocumentsAndInbox1764349200000,
  AssignedMentor1764352800000,
  SubmissionStartInput1764990013000,
  AdministrationAudit1764361414000,
  MentorAnswerNotifications1764361414100,
  ProjectRecords1764417600000,
  StageStays1764417700000,
  PracticeFund1764417800000,
  ProjectListIndex1764999000000,
];
