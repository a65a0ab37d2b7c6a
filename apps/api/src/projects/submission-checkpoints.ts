import { Injectable } from '@nestjs/common';

/**
 * Points inside a submission where a process may die. Production does nothing there; a test
 * module overrides this to make the API "crash" right after the claim, which is how the
 * reconciler's recovery is shown with no rows written by hand.
 */
@Injectable()
export class SubmissionCheckpoints {
  afterClaim(projectId: string): void {
    void projectId;
  }
}
