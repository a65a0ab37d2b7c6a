import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

@Module({
  imports: [ProjectsModule],
  controllers: [InboxController],
  providers: [InboxService],
})
export class InboxModule {}
