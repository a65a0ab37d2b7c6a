import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { Roles } from '../auth';
import { CalendarOverrideDto, ListCalendarOverridesQuery } from './dto/calendar-override.dto';
import { CalendarOverridesService, CalendarOverrideView } from './calendar-overrides.service';

/** The working-day calendar's operator corrections: admins change them, staff read them. */
@Controller('admin/calendar-overrides')
export class CalendarOverridesController {
  constructor(private readonly overrides: CalendarOverridesService) {}

  @Get()
  @Roles('staff', 'reviewer')
  list(@Query() query: ListCalendarOverridesQuery): Promise<CalendarOverrideView[]> {
    return this.overrides.list(query.year);
  }

  @Put()
  @Roles('admin')
  set(@Body() override: CalendarOverrideDto): Promise<CalendarOverrideView> {
    return this.overrides.set(override);
  }

  @Delete(':date')
  @HttpCode(204)
  @Roles('admin')
  remove(@Param('date') date: string): Promise<void> {
    return this.overrides.remove(date);
  }
}
