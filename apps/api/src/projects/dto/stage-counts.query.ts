import { OmitType } from '@nestjs/swagger';
import { ListProjectsQuery } from './list-projects.query';

/** The board's filters: the list's, without its sort, cursor and page size. */
export class ProjectStageCountsQuery extends OmitType(ListProjectsQuery, [
  'sort',
  'order',
  'cursor',
  'limit',
] as const) {}
