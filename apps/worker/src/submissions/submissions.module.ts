import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import {
  createSubmissionTemporalClient,
  SUBMISSION_TEMPORAL_CLIENT,
} from './submission-temporal-client';
import { SubmissionReconciler } from './submission-reconciler.service';

/** Finishing project submissions left half-way; the worker's main starts and stops it. */
@Module({
  providers: [
    {
      provide: SUBMISSION_TEMPORAL_CLIENT,
      inject: [AppConfig],
      useFactory: createSubmissionTemporalClient,
    },
    SubmissionReconciler,
  ],
  exports: [SubmissionReconciler],
})
export class SubmissionsModule {}
