import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';
import type { ValidationArguments } from 'class-validator';
import { isCalendarDate } from '@app/domain';

const calendarDate = (field: string): PropertyDecorator =>
  ValidateBy({
    name: 'calendarDate',
    validator: {
      validate: (value: unknown) => isCalendarDate(value),
      defaultMessage: () => `${field} must be a calendar date YYYY-MM-DD (Asia/Shanghai)`,
    },
  });

/** The period and the projects a portfolio covers; every date is an Asia/Shanghai day. */
export class PortfolioPeriodQuery {
  /** First day of the period; default: 1 January of `to`'s year. */
  @IsOptional()
  @calendarDate('from')
  @ValidateBy({
    name: 'fromNotAfterTo',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const to = (args?.object as PortfolioPeriodQuery).to;
        return typeof value !== 'string' || typeof to !== 'string' || value <= to;
      },
      defaultMessage: () => 'from must not be after to',
    },
  })
  from?: string;

  /** Last day of the period, included; default: today in Asia/Shanghai. */
  @IsOptional()
  @calendarDate('to')
  to?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  college?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  partyBranch?: string;
}

export class PortfolioQuery extends PortfolioPeriodQuery {
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
