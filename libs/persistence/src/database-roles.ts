/**
 * The application's database role. Migrations (run as the schema owner) grant it only what
 * the running apps need: in particular INSERT and SELECT on the audit log, never UPDATE,
 * DELETE or TRUNCATE. The login role in DATABASE_URL is this role or a member of it.
 */
export const APP_DB_ROLE = 'incubation_app';

/** Owns the schema and runs migrations (DATABASE_OWNER_URL). */
export const OWNER_DB_ROLE = 'incubation_owner';
