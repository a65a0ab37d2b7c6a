import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * The one validated configuration of every process. Each key has a default that works on a
 * developer machine (the embedded PostgreSQL and the Temporal dev server started by
 * `npm run up`), so only deployments need to set anything.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  /** Connection of the application's role: INSERT/SELECT only on the audit log. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://incubation_app:incubation_app@127.0.0.1:55432/incubation';

  /** Connection of the schema owner: runs migrations, never used by the running apps. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_OWNER_URL must be a postgres:// URL' })
  DATABASE_OWNER_URL = 'postgres://incubation_owner:incubation_owner@127.0.0.1:55432/incubation';

  @IsInt()
  @Min(1)
  @Max(200)
  @Transform(toInt)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE = 'incubation-pipeline';

  /** Upper bound for every call the API makes to Temporal; past it the caller gets 503. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  @Transform(toInt)
  TEMPORAL_CALL_DEADLINE_MS = 10_000;

  /** Where `npm run build` writes the bundled workflow code the worker loads. */
  @IsString()
  @IsNotEmpty()
  WORKFLOW_BUNDLE_PATH = 'dist/workflow-bundle.js';

  @IsInt()
  @Min(1)
  @Max(65535)
  @Transform(toInt)
  PORT = 3000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** How long the worker may take to finish running activities after SIGTERM. */
  @IsInt()
  @Min(0)
  @Max(600_000)
  @Transform(toInt)
  WORKER_SHUTDOWN_GRACE_MS = 10_000;
}

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidConfigError';
  }
}

/**
 * Builds the config from an environment (process.env by default; tests pass their own) and
 * refuses it with every bad key named, so an operator fixes all of them in one go.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const given: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') given[key] = value;
  }
  const config = plainToInstance(AppConfig, given, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const problems = errors.map((error) => {
      const rules = Object.values(error.constraints ?? {}).join('; ');
      return `${error.property}=${JSON.stringify(given[error.property] ?? error.value)}: ${rules}`;
    });
    throw new InvalidConfigError(problems);
  }
  return config;
}
