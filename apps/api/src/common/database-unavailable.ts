/** Socket errors of a database that is not there (stopped, restarting, unreachable). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * SQLSTATEs of a server that cannot serve right now: class 08 (connection exception),
 * 57P01–57P03 (shutting down, crash shutdown, not yet accepting connections), 53300 (too many
 * connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** What node-postgres says when a connection ends under it or none can be had in time. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * True when an error means PostgreSQL is away (not that a query was wrong): the API then
 * answers 503 like it does for Temporal, since the request can be retried as it is. Looks
 * through TypeORM's `driverError` and `cause` chains.
 */
export function isDatabaseUnavailable(exception: unknown, depth = 0): boolean {
  if (exception === null || typeof exception !== 'object' || depth > 4) return false;
  const { code, message, driverError, cause, errors } = exception as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || isUnavailableSqlState(code))) {
    return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  // An AggregateError (one per address tried) when no connection could be made at all.
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) {
    return true;
  }
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
