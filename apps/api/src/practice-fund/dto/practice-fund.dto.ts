import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../common/dto/optional';

export class PracticeFundQuery {
  /** The fund's year; default: this year in Asia/Shanghai. */
  @Optional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year such as 2027' })
  @Min(2000)
  @Max(2999)
  year?: number;
}

export class PracticeFundYearParam {
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year such as 2027' })
  @Min(2000)
  @Max(2999)
  year!: number;
}

export class SetPracticeFundBudgetDto {
  /** The year's budget in fen (the seed's center: 2,000,000 yuan = 200,000,000 fen). */
  @IsInt({ message: 'budgetFen must be a whole number of fen' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  budgetFen!: number;
}
