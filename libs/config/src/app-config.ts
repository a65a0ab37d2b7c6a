import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  MinLength,
  Max,
  Min,
  ValidateBy,
  ValidationArguments,
  validateSync,
} from 'class-validator';
import { DEFAULT_POLICY, Policy, validatePolicy } from '@app/domain';
import {
  AuditPublicKey,
  AuditSigningKey,
  parseAuditPublicKeys,
  parseAuditSigningKey,
} from './audit-signing-keys';
import { parsePayloadKeys } from './payload-keys';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * The deployment's policy: the domain's default, the escalation contact from its own key, and
 * whatever fields INCUBATION_POLICY (a JSON object) sets on top.
 */
function policyOf(policyJson: string, escalationContact: string): unknown {
  const overrides: unknown = policyJson.trim() === '' ? {} : JSON.parse(policyJson);
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return overrides;
  }
  return { ...DEFAULT_POLICY, escalationContact, ...overrides };
}

function policyProblems(policyJson: unknown, escalationContact: unknown): string[] {
  if (typeof policyJson !== 'string') return ['must be a JSON object'];
  let policy: unknown;
  try {
    policy = policyOf(policyJson, typeof escalationContact === 'string' ? escalationContact : '');
  } catch (error) {
    return [`is not valid JSON (${(error as Error).message})`];
  }
  return validatePolicy(policy);
}

/** INCUBATION_POLICY merged over the default must pass the domain's `validatePolicy`. */
function IsIncubationPolicy(): PropertyDecorator {
  return ValidateBy({
    name: 'isIncubationPolicy',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        policyProblems(value, (args?.object as AppConfig).ESCALATION_CONTACT).length === 0,
      defaultMessage: (args?: ValidationArguments) =>
        policyProblems(args?.value, (args?.object as AppConfig).ESCALATION_CONTACT).join(' '),
    },
  });
}

/** Checks a key setting with its parser: empty is allowed (the feature is off). */
function IsParsableKey(parse: (text: string) => unknown, what: string): PropertyDecorator {
  const problem = (value: unknown): string | null => {
    if (typeof value !== 'string') return `must be ${what}`;
    if (value.trim() === '') return null;
    try {
      parse(value);
      return null;
    } catch (error) {
      return `must be ${what}: ${(error as Error).message}`;
    }
  };
  return ValidateBy({
    name: 'isParsableKey',
    validator: {
      validate: (value: unknown) => problem(value) === null,
      // Names the rule, never the value: a private key must not reach a log.
      defaultMessage: (args?: ValidationArguments) => problem(args?.value) ?? '',
    },
  });
}

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

  /** Where `npm run build` writes the web console the API serves under /app/. */
  @IsString()
  @IsNotEmpty()
  WEB_CONSOLE_PATH = 'dist/web';

  @IsInt()
  @Min(1)
  @Max(65535)
  @Transform(toInt)
  PORT = 3000;

  /**
   * The API's Prometheus endpoint (`/metrics`), on a port of its own so the public port never
   * serves it; 0 lets the system pick one (tests).
   */
  @IsInt()
  @Min(0)
  @Max(65535)
  @Transform(toInt)
  METRICS_PORT = 9464;

  /** The headless Chromium that prints the funder report as PDF (Debian's package). */
  @IsString()
  @MinLength(1)
  REPORT_CHROMIUM_PATH = '/usr/bin/chromium';

  /**
   * The worker's Prometheus endpoint (the Temporal SDK's exporter, with the worker's own
   * counters), as host:port; empty: no endpoint. Off by default because the SDK needs a fixed
   * port and several workers may share a machine (tests, benchmarks); `npm run up` sets it.
   */
  @Matches(/^([^\s:]+:\d{1,5})?$/, {
    message: 'WORKER_METRICS_BIND_ADDRESS must be host:port, or empty for none',
  })
  WORKER_METRICS_BIND_ADDRESS = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** How long the worker may take to finish running activities after SIGTERM. */
  @IsInt()
  @Min(0)
  @Max(600_000)
  @Transform(toInt)
  WORKER_SHUTDOWN_GRACE_MS = 10_000;

  /**
   * How long a workflow task waits for the worker that has the project cached before any
   * worker takes it. After a worker dies, each project it had cached waits this long once:
   * the SDK's 10 s default is the API's whole Temporal deadline, so the first decision on
   * such a project answered 503; 3 s leaves room inside it.
   */
  @IsInt()
  @Min(1_000)
  @Max(60_000)
  @Transform(toInt)
  WORKER_STICKY_TIMEOUT_MS = 3_000;

  /** How long a session token from `POST /auth/sessions` stays valid. */
  @IsInt()
  @Min(5)
  @Max(43_200)
  @Transform(toInt)
  SESSION_TTL_MINUTES = 480;

  /** Wrong sign-ins for one user name (within the window) before it is locked out. */
  @IsInt()
  @Min(1)
  @Max(1_000)
  @Transform(toInt)
  SIGN_IN_MAX_FAILURES = 10;

  /** Wrong sign-ins from one address (within the window, any user names) before it is locked out. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  @Transform(toInt)
  SIGN_IN_MAX_FAILURES_PER_ADDRESS = 100;

  /** How long wrong sign-ins are remembered. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  @Transform(toInt)
  SIGN_IN_FAILURE_WINDOW_SECONDS = 900;

  /** The first lockout's length; each next one for the same name or address doubles it. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  @Transform(toInt)
  SIGN_IN_LOCKOUT_SECONDS = 60;

  /** The longest a lockout grows to. */
  @IsInt()
  @Min(1)
  @Max(604_800)
  @Transform(toInt)
  SIGN_IN_LOCKOUT_MAX_SECONDS = 3_600;

  /**
   * Whether X-Forwarded-For names the caller's address (only behind a proxy you run): otherwise
   * the socket's address counts for sign-in lockouts and the security log.
   */
  @IsBoolean()
  @Transform(toBoolean)
  TRUST_PROXY = false;

  /**
   * The web console's session cookie is Secure when the request came over TLS; set true when a
   * TLS-terminating proxy sits in front of plain HTTP, so the cookie never travels in clear.
   */
  @IsBoolean()
  @Transform(toBoolean)
  SESSION_COOKIE_SECURE = false;

  /** Lifetime of an API token when the admin who issues it names none. */
  @IsInt()
  @Min(1)
  @Max(3_650)
  @Transform(toInt)
  API_TOKEN_DEFAULT_TTL_DAYS = 90;

  /** The longest lifetime an admin may give an API token. */
  @IsInt()
  @Min(1)
  @Max(3_650)
  @Transform(toInt)
  API_TOKEN_MAX_TTL_DAYS = 365;

  /**
   * Fields of the incubation policy (JSON object) that differ from the domain's DEFAULT_POLICY,
   * e.g. `{"screeningLimit":{"workingDays":3}}`. Workflows copy the policy when they start.
   */
  @IsIncubationPolicy()
  INCUBATION_POLICY = '';

  /** Who hears about overdue steps (the policy's escalation contact, an email address). */
  @IsEmail({}, { message: 'ESCALATION_CONTACT must be an email address' })
  ESCALATION_CONTACT = DEFAULT_POLICY.escalationContact;

  /** SMTP relay for email notifications (a local catcher such as Mailpit by default). */
  @IsString()
  @IsNotEmpty()
  SMTP_HOST = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  @Transform(toInt)
  SMTP_PORT = 1025;

  /** true: TLS from the first byte (port 465); false: plain, upgraded by STARTTLS if offered. */
  @IsBoolean({ message: 'SMTP_SECURE must be true or false' })
  @Transform(toBoolean)
  SMTP_SECURE = false;

  /** false only for relays with self-signed certificates on a trusted network. */
  @IsBoolean({ message: 'SMTP_TLS_REJECT_UNAUTHORIZED must be true or false' })
  @Transform(toBoolean)
  SMTP_TLS_REJECT_UNAUTHORIZED = true;

  @IsString()
  @IsNotEmpty()
  SMTP_FROM = '孵化中心 Incubation Center <no-reply@incubation.example.edu.cn>';

  /** Empty: the relay needs no authentication. */
  @IsString()
  SMTP_USER = '';

  @IsString()
  SMTP_PASSWORD = '';

  /** Upper bound of connecting to, greeting and talking to the SMTP relay, per message. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  @Transform(toInt)
  SMTP_TIMEOUT_MS = 10_000;

  /** How often the worker's dispatcher looks for due email notifications. */
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  @Transform(toInt)
  NOTIFICATION_DISPATCH_INTERVAL_MS = 5_000;

  /** Emails sent per dispatch pass at most. */
  @IsInt()
  @Min(1)
  @Max(1_000)
  @Transform(toInt)
  NOTIFICATION_DISPATCH_BATCH = 50;

  /** Back-off after the first failed attempt; it doubles per attempt up to the maximum. */
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  @Transform(toInt)
  NOTIFICATION_RETRY_BASE_MS = 30_000;

  @IsInt()
  @Min(10)
  @Max(86_400_000)
  @Transform(toInt)
  NOTIFICATION_RETRY_MAX_MS = 3_600_000;

  /** Attempts after which an email is marked failed (given up). */
  @IsInt()
  @Min(1)
  @Max(100)
  @Transform(toInt)
  NOTIFICATION_MAX_ATTEMPTS = 10;

  /** Language of emails to addresses that belong to no user (e.g. the escalation contact). */
  @IsIn(['zh', 'en'])
  NOTIFICATION_DEFAULT_LANGUAGE: 'zh' | 'en' = 'zh';

  /** Folder the uploaded business-plan documents are stored in (relative to the working dir). */
  @IsString()
  @IsNotEmpty()
  DOCUMENT_STORAGE_DIR = '.data/documents';

  /**
   * Largest JSON body the API reads, in bytes; a larger one is refused with 413 naming this
   * limit. Everything a decision carries lands in the workflow's history, so it stays small.
   */
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  @Transform(toInt)
  JSON_BODY_MAX_BYTES = 256 * 1024;

  /**
   * Mentor candidates (and, apart, exclusions) the ranking keeps in a project's workflow, the
   * best first; the rest are only counted. The ranking lands in the history, every
   * continue-as-new input and every state query, so it stays small however many mentors
   * there are.
   */
  @IsInt()
  @Min(1)
  @Max(1_000)
  @Transform(toInt)
  MENTOR_RANKING_MAX_CANDIDATES = 10;

  /** Largest business-plan document accepted by an upload; a larger one is refused with 413. */
  @IsInt()
  @Min(1)
  @Max(100 * 1024 * 1024)
  @Transform(toInt)
  PLAN_DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;

  /** How long an upload that no plan version refers to is kept before it is deleted. */
  @IsInt()
  @Min(1)
  @Max(30 * 24 * 3600)
  @Transform(toInt)
  PLAN_DOCUMENT_UNREFERENCED_TTL_SECONDS = 24 * 3600;

  /** How often the API deletes expired unreferenced uploads. */
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  @Transform(toInt)
  PLAN_DOCUMENT_CLEANUP_INTERVAL_MS = 600_000;

  /**
   * Ed25519 private key (PKCS#8 PEM, `\n` allowed for one line, or base64 DER) that signs the
   * audit chain's checkpoints. Empty: nothing is signed (verification still walks the chain and
   * checks the checkpoints already stored). `npm run audit:keygen` makes one; `npm run up`
   * generates one into .data/ for local use.
   */
  @IsParsableKey(parseAuditSigningKey, 'an Ed25519 private key (PKCS#8 PEM or base64 DER)')
  AUDIT_SIGNING_KEY = '';

  /**
   * Further trusted Ed25519 public keys (SPKI PEM or base64 DER, comma-separated): earlier
   * signing keys after a rotation, or the key of a verifier that holds no private key.
   */
  @IsParsableKey(parseAuditPublicKeys, 'Ed25519 public keys (SPKI PEM or base64 DER)')
  AUDIT_TRUSTED_PUBLIC_KEYS = '';

  /** How often the worker signs a checkpoint of the chain's head (when it moved). */
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  @Transform(toInt)
  AUDIT_CHECKPOINT_INTERVAL_MS = 3_600_000;

  /** How often the worker's sweeper copies closed workflow runs' histories into PostgreSQL. */
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  @Transform(toInt)
  ARCHIVE_SWEEP_INTERVAL_MS = 60_000;

  /** Runs archived per sweep at most. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  @Transform(toInt)
  ARCHIVE_SWEEP_BATCH = 200;

  /** How often the worker finishes `POST /projects` claims whose start was not confirmed. */
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  @Transform(toInt)
  SUBMISSION_RECONCILE_INTERVAL_MS = 30_000;

  /**
   * How long a claim is left to the API (which may still be starting it) before the reconciler
   * starts its workflow, or releases it when Temporal has no such workflow and cannot start it.
   */
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  @Transform(toInt)
  SUBMISSION_START_GRACE_MS = 60_000;

  /**
   * After this many failed attempts of an activity its project is flagged `needsAttention`
   * (naming the activity), staff are told and the failure is audited once; it keeps retrying.
   */
  @IsInt()
  @Min(1)
  @Max(1_000)
  @Transform(toInt)
  ACTIVITY_ATTENTION_AFTER_ATTEMPTS = 5;

  /**
   * Activities one worker runs at once. Most hold a database connection, so with the local
   * activities they stay below `DATABASE_POOL_SIZE` (checked at boot), leaving room for the
   * worker's background loops.
   */
  @IsInt()
  @Min(1)
  @Max(1_000)
  @Transform(toInt)
  WORKER_MAX_CONCURRENT_ACTIVITIES = 6;

  /**
   * Local activities (a decision's recording, run inside its Update's workflow task) one worker
   * runs at once; each holds a database connection, counted with the activities against the pool.
   */
  @IsInt()
  @Min(1)
  @Max(1_000)
  @Transform(toInt)
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES = 2;

  /** Longest wait for a pooled database connection. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  @Transform(toInt)
  DATABASE_ACQUIRE_TIMEOUT_MS = 5_000;

  /** Longest any one SQL statement may run (PostgreSQL's statement_timeout). */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  @Transform(toInt)
  DATABASE_STATEMENT_TIMEOUT_MS = 10_000;

  /** Longest the recording activity waits for the audit chain's lock (lock_timeout). */
  @IsInt()
  @Min(100)
  @Max(60_000)
  @Transform(toInt)
  AUDIT_LOCK_TIMEOUT_MS = 10_000;

  /**
   * Payload encryption keys (`id:base64`, 32 bytes each, comma-separated, oldest first; the last
   * encrypts). Empty: payloads are stored in plain JSON. `npm run codec:keygen` makes one.
   */
  @IsParsableKey(parsePayloadKeys, 'payload keys "id:base64key,..."')
  TEMPORAL_PAYLOAD_KEYS = '';

  /** Connect to Temporal over TLS (implied by any of the TEMPORAL_TLS_* files below). */
  @IsBoolean({ message: 'TEMPORAL_TLS must be true or false' })
  @Transform(toBoolean)
  TEMPORAL_TLS = false;

  /** PEM file of the CA that signed Temporal's server certificate (empty: the system's CAs). */
  @IsString()
  TEMPORAL_TLS_CA_FILE = '';

  /** mTLS: PEM files of this process's client certificate and its private key (both or none). */
  @IsString()
  TEMPORAL_TLS_CERT_FILE = '';

  @IsString()
  TEMPORAL_TLS_KEY_FILE = '';

  /** The name the server certificate must carry, when it is not the host of TEMPORAL_ADDRESS. */
  @IsString()
  TEMPORAL_TLS_SERVER_NAME = '';

  /** Origin of the Temporal Web UI allowed to call the codec endpoint with cookies (CORS). */
  @Matches(/^(https?:\/\/[^/\s]+)?$/, {
    message: 'TEMPORAL_UI_ORIGIN must be an origin such as https://temporal.example.edu.cn',
  })
  TEMPORAL_UI_ORIGIN = '';

  /** PostgreSQL TLS, as libpq's sslmode: disable, require, verify-ca or verify-full. */
  @IsIn(['disable', 'require', 'verify-ca', 'verify-full'])
  DATABASE_SSL_MODE = 'disable';

  /** PEM file of the CA that signed PostgreSQL's certificate (verify-ca, verify-full). */
  @IsString()
  DATABASE_SSL_CA_FILE = '';

  /** The checkpoint signing key, or null when signing is off. */
  get auditSigningKey(): AuditSigningKey | null {
    return this.AUDIT_SIGNING_KEY.trim() === ''
      ? null
      : parseAuditSigningKey(this.AUDIT_SIGNING_KEY);
  }

  /** Keys whose checkpoint signatures verification accepts: the signing key's and the listed. */
  get auditTrustedKeys(): AuditPublicKey[] {
    const signing = this.auditSigningKey;
    const listed = parseAuditPublicKeys(this.AUDIT_TRUSTED_PUBLIC_KEYS);
    return signing ? [{ publicKey: signing.publicKey, keyId: signing.keyId }, ...listed] : listed;
  }

  /** The validated policy new projects start with. */
  get policy(): Policy {
    return policyOf(this.INCUBATION_POLICY, this.ESCALATION_CONTACT) as Policy;
  }
}

/** Keys whose values an error message must not repeat. */
const SECRET_KEYS = new Set(['AUDIT_SIGNING_KEY', 'SMTP_PASSWORD', 'TEMPORAL_PAYLOAD_KEYS']);

/**
 * A value as an error may show it: the password of anything URL-like (user:password@, also
 * in a malformed URL such as `postgres//app:secret@host`) replaced by ***.
 */
export function withoutPassword(value: string): string {
  return value.replace(/([^\s:/@]+):[^\s@/]*@/g, '$1:***@');
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
  const problems = errors.map((error) => {
    const rules = Object.values(error.constraints ?? {}).join('; ');
    const shown = SECRET_KEYS.has(error.property)
      ? '(hidden)'
      : JSON.stringify(withoutPassword(String(given[error.property] ?? error.value)));
    return `${error.property}=${shown}: ${rules}`;
  });
  if (errors.length === 0 && config.API_TOKEN_DEFAULT_TTL_DAYS > config.API_TOKEN_MAX_TTL_DAYS) {
    problems.push(
      `API_TOKEN_DEFAULT_TTL_DAYS=${JSON.stringify(String(config.API_TOKEN_DEFAULT_TTL_DAYS))}: must not exceed API_TOKEN_MAX_TTL_DAYS (${config.API_TOKEN_MAX_TTL_DAYS})`,
    );
  }
  if (errors.length === 0) problems.push(...workerSizingProblems(config));
  if (problems.length > 0) throw new InvalidConfigError(problems);
  return config;
}

/** The activities' start-to-close limit in the workflow code (libs/workflows). */
export const ACTIVITY_START_TO_CLOSE_MS = 30_000;

/**
 * The pool and the worker's concurrency are sized together: every running activity (local or
 * not) may hold a connection, and the background loops need two more. Each database wait is bounded below the
 * activity's own limit, so a timed-out attempt cannot keep the audit chain's lock.
 */
function workerSizingProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  const {
    WORKER_MAX_CONCURRENT_ACTIVITIES: activities,
    WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: local,
  } = config;
  if (activities + local + 2 > config.DATABASE_POOL_SIZE) {
    problems.push(
      `WORKER_MAX_CONCURRENT_ACTIVITIES=${JSON.stringify(String(activities))} and WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES=${JSON.stringify(String(local))}: together must leave two of DATABASE_POOL_SIZE (${config.DATABASE_POOL_SIZE}) free`,
    );
  }
  for (const key of [
    'DATABASE_ACQUIRE_TIMEOUT_MS',
    'DATABASE_STATEMENT_TIMEOUT_MS',
    'AUDIT_LOCK_TIMEOUT_MS',
  ] as const) {
    if (config[key] >= ACTIVITY_START_TO_CLOSE_MS) {
      problems.push(
        `${key}=${JSON.stringify(String(config[key]))}: must be below the activities' ${ACTIVITY_START_TO_CLOSE_MS} ms limit`,
      );
    }
  }
  return problems;
}
