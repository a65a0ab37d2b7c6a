import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Mentor } from '@app/persistence';
import { ProjectsModule } from '../projects/projects.module';
import {
  MentorCandidatesController,
  MentorProfileController,
  MentorsController,
} from './mentors.controller';
import { MentorsService } from './mentors.service';

@Module({
  imports: [TypeOrmModule.forFeature([Mentor]), ProjectsModule],
  controllers: [MentorsController, MentorProfileController, MentorCandidatesController],
  providers: [MentorsService],
})
export class MentorsModule {}
