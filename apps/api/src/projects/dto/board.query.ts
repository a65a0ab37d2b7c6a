import { OmitType } from '@nestjs/swagger';
import { ListProjectsQuery } from './list-projects.query';

/**
 * The board's filters and its columns' page size: the list's, without its sort, order and
 * cursor (each column's first page, in the list's default order).
 */
export class ProjectBoardQuery extends OmitType(ListProjectsQuery, [
  'sort',
  'order',
  'cursor',
] as const) {}
