import { DefaultLogger, LogEntry, LogLevel, Runtime } from '@temporalio/worker';

/** Fields of an error that may carry SQL, its parameters (comments, user ids) or a driver's copy. */
const DROPPED_ERROR_FIELDS = new Set(['parameters', 'query', 'driverError', 'sql']);

/**
 * A log's metadata without SQL parameter dumps: an error keeps its name, message, stack and
 * cause (cleaned alike), never a TypeORM QueryFailedError's query or parameters.
 */
export function withoutSqlParameters(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => withoutSqlParameters(item, depth + 1));
  const source = value as Record<string, unknown>;
  const clean: Record<string, unknown> = {};
  if (value instanceof Error) {
    clean.name = value.name;
    clean.message = value.message;
    clean.stack = value.stack;
  }
  for (const [key, field] of Object.entries(source)) {
    if (DROPPED_ERROR_FIELDS.has(key)) continue;
    clean[key] = withoutSqlParameters(field, depth + 1);
  }
  if (value instanceof Error && value.cause !== undefined) {
    clean.cause = withoutSqlParameters(value.cause, depth + 1);
  }
  return clean;
}

function print(entry: LogEntry): void {
  const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  const meta = entry.meta ? withoutSqlParameters(entry.meta) : undefined;
  const line = `${time} [${entry.level}] ${entry.message}`;
  if (meta && Object.keys(meta).length > 0) console.error(line, meta);
  else console.error(line);
}

/**
 * The worker's one Temporal Runtime: its logs (activity failures among them) through the
 * cleaning above and, given a bind address, the SDK's Prometheus exporter.
 */
export function installWorkerRuntime(metricsBindAddress = '', level: LogLevel = 'INFO'): void {
  Runtime.install({
    logger: new DefaultLogger(level, print),
    ...(metricsBindAddress
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: {
                bindAddress: metricsBindAddress,
                countersTotalSuffix: true,
                useSecondsForDurations: true,
              },
            },
          },
        }
      : {}),
  });
}
