import { Module } from '@nestjs/common';
import { CalendarOverridesController } from './calendar-overrides.controller';
import { CalendarOverridesService } from './calendar-overrides.service';

@Module({ controllers: [CalendarOverridesController], providers: [CalendarOverridesService] })
export class CalendarModule {}
