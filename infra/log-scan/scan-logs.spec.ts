import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanLogs } from './scan-logs';

/** A token of the real shape, made here (never one the API issued). */
const plantedToken = `ips_${'A1b2C3d4E5'.repeat(4)}xyz`;

describe('the log scan of a test run', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'log-scan-'));
    mkdirSync(join(dir, 'fuzz'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, lines: string[]): void =>
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);

  it('passes logs whose credentials are redacted', () => {
    write('npm-test.log', [
      'PASS test/integration/auth.e2e-spec.ts',
      '{"level":30,"req":{"url":"/projects?access_token=[redacted]","headers":{"authorization":"[redacted]"}},"msg":"request completed"}',
      'curl -X POST -H \'Authorization: [Filtered]\' -d \'{"password": "[Filtered]"}\' http://127.0.0.1:4100/auth/sessions',
      'the token column holds a sha256 of the token, never the token',
    ]);
    expect(scanLogs(dir)).toEqual([]);
  });

  it.each([
    ['a bearer token', `{"msg":"signed in","token":"${plantedToken}"}`, 'bearer token'],
    [
      'an Authorization header',
      'authorization: Bearer abcdefgh12345678',
      'Authorization header value',
    ],
    ['a password in JSON', '{"username":"li.na","password":"correct horse battery"}', 'password'],
    [
      'a token in a query string',
      'GET /projects?access_token=abc123def456 200',
      'password in a URL',
    ],
    ['a password hash', 'row: $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', 'password hash'],
    [
      "TypeORM's failed query",
      'query failed: INSERT INTO notes VALUES ($1, $2) -- PARAMETERS: ["secret comment","u-1"]',
      'SQL parameter dump',
    ],
    [
      'a QueryFailedError',
      '{"err":{"query":"UPDATE users","parameters":["li.na"]}}',
      'SQL parameter dump',
    ],
    [
      "PostgreSQL's DETAIL line",
      'DETAIL:  Key (username)=(li.na) already exists.',
      'SQL parameter dump',
    ],
  ])('fails on %s planted in a log, without printing it', (_what, line, kind) => {
    write('fuzz/fuzz-api.log', ['{"level":30,"msg":"ok"}', line]);
    const findings = scanLogs(dir);
    expect(findings).toEqual([
      expect.objectContaining({ file: join('fuzz', 'fuzz-api.log'), line: 2, kind }),
    ]);
    expect(findings[0].excerpt).toContain('masked');
    expect(findings[0].excerpt).not.toContain(plantedToken);
  });
});
