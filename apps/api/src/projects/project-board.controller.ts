import { Controller, Get, Query } from '@nestjs/common';
import type { Actor } from '@app/domain';
import { CurrentActor } from '../auth';
import { ProjectBoardQuery } from './dto/board.query';
import { ProjectBoard, ProjectBoardService } from './project-board.service';

@Controller('projects')
export class ProjectBoardController {
  constructor(private readonly boards: ProjectBoardService) {}

  /**
   * The board's first screen: the first page of every open stage's column and the counts per
   * stage, for the same filters (a mentor's own projects only, as the list).
   */
  @Get('board')
  board(@CurrentActor() actor: Actor, @Query() query: ProjectBoardQuery): Promise<ProjectBoard> {
    return this.boards.board(actor, query);
  }
}
