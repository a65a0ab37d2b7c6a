import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { lockPracticeFundYear, practiceFundYear, setPracticeFundDraw } from '@app/persistence';
import type { PracticeFundActivities, PracticeFundAnswer } from '@app/workflows/activities.types';

const yuan = (fen: number): string => (fen / 100).toFixed(2);

/** The innovation practice fund's budget check, a rule on data outside the workflow. */
@Injectable()
export class PracticeFundDrawActivities implements PracticeFundActivities {
  constructor(private readonly dataSource: DataSource) {}

  async drawFromPracticeFund(
    input: Parameters<PracticeFundActivities['drawFromPracticeFund']>[0],
  ): Promise<PracticeFundAnswer> {
    const { projectId, contactId, draw } = input;
    return this.dataSource.transaction(async (manager) => {
      if (draw) await lockPracticeFundYear(manager, draw.year);
      if (draw && input.checkBudget) {
        // The contact's own earlier draw is replaced, not added to (an amendment).
        const year = await practiceFundYear(manager, draw.year, { projectId, contactId });
        if (year.grantedFen + draw.amountFen > year.budgetFen) {
          return {
            drawn: false,
            budgetFen: year.budgetFen,
            grantedFen: year.grantedFen,
            message:
              `The innovation practice fund's ${draw.year} budget is ${yuan(year.budgetFen)} yuan, ` +
              `${yuan(year.grantedFen)} yuan of it granted: ${yuan(draw.amountFen)} yuan more ` +
              `would overdraw it by ${yuan(year.grantedFen + draw.amountFen - year.budgetFen)} yuan.`,
          };
        }
      }
      await setPracticeFundDraw(manager, projectId, contactId, draw);
      return { drawn: true };
    });
  }
}
