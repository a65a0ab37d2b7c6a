export const POSTGRES_READY_PREFIX = 'postgres-ready ';
