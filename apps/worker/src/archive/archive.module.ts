import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ARCHIVE_TEMPORAL_CLIENT, createArchiveTemporalClient } from './archive-temporal-client';
import { ArchiveSweeper } from './archive-sweeper.service';

/** The archive of closed runs' histories; the worker's main starts and stops the sweeper. */
@Module({
  providers: [
    {
      provide: ARCHIVE_TEMPORAL_CLIENT,
      inject: [AppConfig],
      useFactory: createArchiveTemporalClient,
    },
    ArchiveSweeper,
  ],
  exports: [ArchiveSweeper],
})
export class ArchiveModule {}
