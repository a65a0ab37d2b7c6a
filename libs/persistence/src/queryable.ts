import type { EntityManager } from 'typeorm';

/** A DataSource, or the EntityManager of a transaction: what a repository runs its SQL on. */
export type Queryable = Pick<EntityManager, 'query'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a text is a uuid. Repositories look a uuid key up only when it is one: PostgreSQL
 * refuses a malformed uuid with an error, where the caller means "no such row".
 */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
