import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { IsNull } from 'typeorm';
import { loadConfig } from '@app/config';
import { AuthToken, createDataSource, User } from '@app/persistence';
import { AdminAuditActor, AdminAuditService } from '../admin-audit/admin-audit.service';
import {
  DISPLAY_NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
  USERNAME_RULE,
} from '../auth/credential-rules';
import { hashPassword } from '../auth/passwords';

const USAGE =
  'usage: npm run admin:create -- --username <name> --password <password|-> [--display-name <name>] [--reset-password]\n' +
  '  --password - reads the password from standard input';

class UsageError extends Error {}

/** Whoever runs the tool on the server; it has no token to name them by. */
const CLI_ACTOR: AdminAuditActor = {
  userId: null,
  username: 'admin:create',
  role: 'system',
  via: 'cli',
};

interface Options {
  username: string;
  password: string;
  displayName: string;
  resetPassword: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function options(argv: string[]): Promise<Options> {
  const { values } = parseArgs({
    args: argv,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
      'reset-password': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const username = values.username ?? '';
  if (!USERNAME_PATTERN.test(username)) throw new UsageError(USERNAME_RULE);
  const given = values.password;
  if (given === undefined) throw new UsageError('--password is required');
  const password = given === '-' ? await readStdin() : given;
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new UsageError(
      `the password must be ${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters`,
    );
  }
  const displayName = values['display-name'] ?? username;
  if (displayName.length === 0 || displayName.length > DISPLAY_NAME_MAX_LENGTH) {
    throw new UsageError(`--display-name must be 1-${DISPLAY_NAME_MAX_LENGTH} characters`);
  }
  return { username, password, displayName, resetPassword: values['reset-password'] ?? false };
}

/**
 * `npm run admin:create`: creates the first admin, through the application's role
 * (DATABASE_URL) like the API. Idempotent: an existing user is left as it is, unless
 * --reset-password sets a new password (which also ends that user's sessions).
 */
async function main(): Promise<number> {
  const input = await options(process.argv.slice(2));
  const config = loadConfig();
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    poolSize: 1,
    applicationName: 'admin-create',
  });
  await dataSource.initialize();
  try {
    const users = dataSource.getRepository(User);
    const audit = new AdminAuditService(dataSource);
    const existing = await users.findOneBy({ username: input.username });
    if (!existing) {
      const passwordHash = await hashPassword(input.password);
      await audit.audited(CLI_ACTOR, 'userCreated', async (manager) => {
        const created = await manager.getRepository(User).save(
          manager.getRepository(User).create({
            username: input.username,
            displayName: input.displayName,
            role: 'admin',
            passwordHash,
          }),
        );
        return {
          result: created.id,
          target: { kind: 'user', id: created.id },
          details: { user: { username: input.username, role: 'admin', active: true } },
        };
      });
      console.log(`created admin ${input.username}`);
      return 0;
    }
    if (!input.resetPassword) {
      console.log(
        `user ${input.username} already exists (role ${existing.role}${existing.active ? '' : ', deactivated'}); nothing changed. Pass --reset-password to set a new password.`,
      );
      return 0;
    }
    const passwordHash = await hashPassword(input.password);
    await audit.audited(CLI_ACTOR, 'userChanged', async (manager) => {
      await manager.update(User, { id: existing.id }, { passwordHash });
      await manager.update(
        AuthToken,
        { userId: existing.id, kind: 'session', revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      return {
        result: undefined,
        target: { kind: 'user', id: existing.id },
        details: { changes: {}, passwordChanged: true, sessionsEnded: true },
      };
    });
    console.log(`password of ${input.username} reset; their open sessions were ended`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`${(error as Error).message}\n${USAGE}`);
      process.exit(2);
    }
    console.error('admin:create failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
