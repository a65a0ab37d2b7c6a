import type { EntityManager } from 'typeorm';
import type { Queryable } from '../queryable';

/** Any fixed number: with the year, the lock every writer of a year's fund takes. */
const PRACTICE_FUND_LOCK = 7_421_017;

/** Serialises a year's draws and budget changes, so none is judged on a stale total. */
export async function lockPracticeFundYear(manager: EntityManager, year: number): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [PRACTICE_FUND_LOCK, year]);
}

export interface PracticeFundYear {
  year: number;
  /** 0 when no budget was set for the year. */
  budgetFen: number;
  grantedFen: number;
}

/** The year's budget and what is drawn on it, leaving out one contact's own draw if named. */
export async function practiceFundYear(
  manager: EntityManager,
  year: number,
  except?: { projectId: string; contactId: string },
): Promise<PracticeFundYear> {
  const [row] = await manager.query<{ budget_fen: string | null; granted_fen: string }[]>(
    `SELECT (SELECT budget_fen FROM practice_fund_budgets WHERE year = $1)::text AS budget_fen,
            COALESCE((SELECT sum(amount_fen) FROM practice_fund_draws
                       WHERE year = $1
                         AND NOT (project_id IS NOT DISTINCT FROM $2::uuid
                                  AND contact_id IS NOT DISTINCT FROM $3::text)), 0)::text
              AS granted_fen`,
    [year, except?.projectId ?? null, except?.contactId ?? null],
  );
  return { year, budgetFen: Number(row.budget_fen ?? 0), grantedFen: Number(row.granted_fen) };
}

/** Sets one contact's draw (null: it draws nothing), replacing what it drew before. */
export async function setPracticeFundDraw(
  manager: EntityManager,
  projectId: string,
  contactId: string,
  draw: { year: number; amountFen: number } | null,
): Promise<void> {
  if (!draw) {
    await manager.query(
      'DELETE FROM practice_fund_draws WHERE project_id = $1 AND contact_id = $2',
      [projectId, contactId],
    );
    return;
  }
  await manager.query(
    `INSERT INTO practice_fund_draws (project_id, contact_id, year, amount_fen)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (project_id, contact_id)
       DO UPDATE SET year = EXCLUDED.year, amount_fen = EXCLUDED.amount_fen`,
    [projectId, contactId, draw.year, draw.amountFen],
  );
}

/** The year's funded projects, largest draw first. */
export async function practiceFundProjects(
  manager: EntityManager,
  year: number,
): Promise<{ projectId: string; title: string; college: string; grantedFen: number }[]> {
  const rows = await manager.query<
    { project_id: string; title: string; college: string; granted_fen: string }[]
  >(
    `SELECT d.project_id, p.title, p.college, sum(d.amount_fen)::text AS granted_fen
       FROM practice_fund_draws d JOIN projects p ON p.id = d.project_id
      WHERE d.year = $1
      GROUP BY d.project_id, p.title, p.college
      ORDER BY sum(d.amount_fen) DESC, p.title`,
    [year],
  );
  return rows.map((row) => ({
    projectId: row.project_id,
    title: row.title,
    college: row.college,
    grantedFen: Number(row.granted_fen),
  }));
}

/** Sets a year's budget (under the year's lock, taken by the caller). */
export async function setPracticeFundBudget(
  manager: EntityManager,
  year: number,
  budgetFen: number,
  updatedBy: string,
): Promise<number | null> {
  const [previous] = await manager.query<{ budget_fen: string }[]>(
    'SELECT budget_fen::text AS budget_fen FROM practice_fund_budgets WHERE year = $1',
    [year],
  );
  await manager.query(
    `INSERT INTO practice_fund_budgets (year, budget_fen, updated_by, updated_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (year) DO UPDATE SET budget_fen = EXCLUDED.budget_fen,
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [year, budgetFen, updatedBy],
  );
  return previous ? Number(previous.budget_fen) : null;
}

/** Whether a budget was set for the year. */
export async function practiceFundBudgetIsSet(db: Queryable, year: number): Promise<boolean> {
  const set: unknown[] = await db.query('SELECT 1 FROM practice_fund_budgets WHERE year = $1', [
    year,
  ]);
  return set.length > 0;
}
