import { Module } from '@nestjs/common';
import { PlanDocumentsModule } from '../plan-documents/plan-documents.module';
import { ProjectsModule } from '../projects/projects.module';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [ProjectsModule, PlanDocumentsModule],
  controllers: [DecisionsController],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
