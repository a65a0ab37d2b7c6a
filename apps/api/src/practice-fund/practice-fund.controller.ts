import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { adminActorOf } from '../admin-audit/admin-audit.service';
import { Roles } from '../auth';
import type { AuthenticatedCaller } from '../auth/authenticated-caller';
import { CurrentCaller } from '../auth/current-actor.decorator';
import {
  PracticeFundQuery,
  PracticeFundYearParam,
  SetPracticeFundBudgetDto,
} from './dto/practice-fund.dto';
import { PracticeFundService, PracticeFundView } from './practice-fund.service';

@Controller()
export class PracticeFundController {
  constructor(private readonly fund: PracticeFundService) {}

  /** Budget, granted, remaining and the projects funded in a year. */
  @Get('portfolio/practice-fund')
  @Roles('reviewer', 'staff', 'admin')
  year(@Query() query: PracticeFundQuery): Promise<PracticeFundView> {
    return this.fund.year(query.year);
  }

  /** Sets a year's budget (audited); refused below what is already granted. */
  @Put('admin/practice-fund/budgets/:year')
  @Roles('admin')
  setBudget(
    @Param() { year }: PracticeFundYearParam,
    @Body() body: SetPracticeFundBudgetDto,
    @CurrentCaller() caller: AuthenticatedCaller,
  ): Promise<PracticeFundView> {
    return this.fund.setBudget(year, body.budgetFen, adminActorOf(caller));
  }
}
