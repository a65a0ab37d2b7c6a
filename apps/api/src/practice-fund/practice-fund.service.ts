import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  lockPracticeFundYear,
  practiceFundProjects,
  practiceFundYear,
  setPracticeFundBudget,
} from '@app/persistence';
import { AdminAuditActor, AdminAuditService } from '../admin-audit/admin-audit.service';
import { RefusalException } from '../common/refusal.exception';
import { shanghaiDate } from '../portfolio/portfolio.service';

export interface PracticeFundView {
  year: number;
  budgetFen: number;
  grantedFen: number;
  remainingFen: number;
  projects: { projectId: string; title: string; college: string; grantedFen: number }[];
}

/** The innovation practice fund: each year's budget and what its grants drew. */
@Injectable()
export class PracticeFundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AdminAuditService,
  ) {}

  async year(
    year: number = Number(shanghaiDate(new Date()).slice(0, 4)),
  ): Promise<PracticeFundView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const totals = await practiceFundYear(manager, year);
      return {
        ...totals,
        remainingFen: totals.budgetFen - totals.grantedFen,
        projects: await practiceFundProjects(manager, year),
      };
    });
  }

  /**
   * Sets a year's budget through the audited administration operation. Under the year's lock,
   * the same the contact activities take, so no grant lands between the check and the change.
   */
  setBudget(year: number, budgetFen: number, actor: AdminAuditActor): Promise<PracticeFundView> {
    return this.audit.audited(actor, 'fundBudgetSet', async (manager) => {
      await lockPracticeFundYear(manager, year);
      const { grantedFen } = await practiceFundYear(manager, year);
      if (budgetFen < grantedFen) {
        throw new RefusalException([
          {
            kind: 'RuleRefused',
            rule: 'budget-below-granted',
            field: 'budgetFen',
            message: `budgetFen ${budgetFen} is below the ${grantedFen} fen already granted from the ${year} fund`,
          },
        ]);
      }
      const by = actor.userId ?? `${actor.via}:${actor.username}`;
      const previous = await setPracticeFundBudget(manager, year, budgetFen, by);
      return {
        result: {
          year,
          budgetFen,
          grantedFen,
          remainingFen: budgetFen - grantedFen,
          projects: await practiceFundProjects(manager, year),
        },
        target: { kind: 'fundBudget', id: String(year) },
        details: { budgetFen, previousBudgetFen: previous, grantedFen },
      };
    });
  }
}
