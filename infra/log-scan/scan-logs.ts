import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What must never be in a log line, each with what it is called in a finding. */
export const SECRET_PATTERNS: { kind: string; pattern: RegExp }[] = [
  // Session and API tokens carry their kind as a prefix (apps/api/src/auth/bearer-tokens.ts).
  { kind: 'bearer token', pattern: /\bip[st]_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/ },
  {
    kind: 'Authorization header value',
    // A value, not a placeholder such as "Bearer <token>" in a message.
    pattern: /authorization["']?\s*[:=]\s*["']?(?:bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/i,
  },
  {
    kind: 'password',
    pattern:
      /["']?(?:password|passwd|SMTP_PASSWORD)["']?\s*[:=]\s*["'](?!\[(?:redacted|filtered)\]|["'])[^"']+["']/i,
  },
  {
    kind: 'password in a URL',
    pattern: /[?&](?:password|access_token|token)=(?!\[redacted\]|&|$)[^&\s"]+/i,
  },
  { kind: 'password hash', pattern: /\$argon2(?:id|i|d)\$v=\d+\$/ },
  // TypeORM's failed-query log and QueryFailedError carry the bound values.
  {
    kind: 'SQL parameter dump',
    pattern: /\bPARAMETERS:\s*\[|["']?parameters["']?\s*:\s*\[\s*["'\d]/i,
  },
  // PostgreSQL's DETAIL line repeats the conflicting row's values.
  {
    kind: 'SQL parameter dump',
    pattern: /\bKey \([^)]*\)=\([^)]*\) (?:already exists|is not present)/,
  },
];

export interface Finding {
  file: string;
  line: number;
  kind: string;
  /** The line with the match masked: a scan must not print what it found. */
  excerpt: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every secret in the text files under `dir`, one finding per line and kind. */
export function scanLogs(dir: string): Finding[] {
  const findings: Finding[] = [];
  for (const file of filesUnder(dir)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      for (const { kind, pattern } of SECRET_PATTERNS) {
        const match = pattern.exec(text);
        if (!match) continue;
        const start = Math.max(0, match.index - 40);
        const excerpt = `${text.slice(start, match.index)}«${kind} masked»${text.slice(
          match.index + match[0].length,
          match.index + match[0].length + 40,
        )}`;
        findings.push({ file: relative(dir, file), line: index + 1, kind, excerpt });
      }
    });
  }
  return findings;
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node dist/infra/log-scan/scan-logs.js <folder of a test run’s logs>');
    process.exit(2);
  }
  const files = filesUnder(dir);
  const findings = scanLogs(dir);
  if (findings.length > 0) {
    console.error(`log scan: ${findings.length} secret(s) in the logs of ${dir}:`);
    for (const finding of findings.slice(0, 50)) {
      console.error(`  ${finding.file}:${finding.line}  ${finding.kind}: ${finding.excerpt}`);
    }
    process.exit(1);
  }
  console.log(
    `log scan: no token, password or SQL parameter dump in ${files.length} log file(s) of ${dir}`,
  );
}

if (require.main === module) main();
