import { Injectable } from '@nestjs/common';
import type { ProjectActivities } from '@app/workflows/activities.types';
import { ProjectRecordsActivities } from './project-records.activities';

/**
 * Binds the activity services' methods into the plain object Worker.create expects. Typed
 * against the interface the workflow imports, so a missing or misnamed activity fails the
 * type check rather than a running workflow.
 */
@Injectable()
export class ActivityRegistry {
  constructor(private readonly records: ProjectRecordsActivities) {}

  all(): ProjectActivities {
    return {
      recordTransition: this.records.recordTransition.bind(this.records),
    };
  }
}
