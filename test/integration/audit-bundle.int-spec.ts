import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parseAuditPublicKey, parseAuditSigningKey } from '@app/config';
import {
  AuditBundle,
  AuditBundleRow,
  createDataSource,
  exportAuditBundle,
  signAuditCheckpoint,
  verifyAuditBundle,
  verifyAuditTrail,
} from '@app/persistence';
import type { AuditEntryInput } from '@app/workflows/public-api';
import { AuditChainWriter } from '../../apps/worker/src/activities/audit-chain.writer';
import { generatedAuditSigningKey } from '../support/audit-keys';
import { uniqueSuffix } from '../support/fixtures';
import {
  createScratchDatabase,
  dropScratchDatabase,
  ScratchDatabase,
} from '../support/scratch-database';

const key = parseAuditSigningKey(generatedAuditSigningKey());
const publicKey = parseAuditPublicKey(key.publicKeyPem);
const CLI = join(__dirname, '../../dist/apps/api/src/cli/audit-verify.js');

function entry(projectId: string, n: number): AuditEntryInput {
  return {
    projectId,
    workflowId: `project-${projectId}`,
    runId: 'run-1',
    eventRef: `event-${n}`,
    kind: 'system',
    eventType: 'reminderSent',
    actor: null,
    workflowTime: new Date(Date.UTC(2026, 0, 1, 8, n)).toISOString(),
    payload: { step: n, note: `第${n}步` },
  };
}

async function withDataSource<T>(url: string, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const dataSource = createDataSource({ url, poolSize: 2 });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Runs the offline verifier as a reviewer would, pointed at no database at all. */
function verifyOffline(bundle: unknown, ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'audit-bundle-'));
  const file = join(dir, 'bundle.json');
  writeFileSync(file, JSON.stringify(bundle));
  const keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, key.publicKeyPem);
  return spawnSync(process.execPath, [CLI, '--bundle', file, '--public-key', keyFile, ...args], {
    encoding: 'utf8',
    // Nothing listens there: the verification must not need a database.
    env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' },
  });
}

/** One byte of a row changed: a character of its content or its digest, or of its hash. */
function withOneByteChanged(
  bundle: AuditBundle,
  index: number,
  field: 'content' | 'hash',
): AuditBundle {
  const flip = (text: string, at: number) =>
    text.slice(0, at) +
    (text[at] === '0' ? '1' : text[at] === 'a' ? 'b' : '0') +
    text.slice(at + 1);
  const rows = bundle.rows.map((row, i): AuditBundleRow => {
    if (i !== index) return row;
    if (field === 'hash') return { ...row, hash: flip(row.hash, 10) };
    return 'canonical' in row
      ? { ...row, canonical: row.canonical.replace('第', '弟') }
      : { ...row, digest: flip(row.digest, 5) };
  });
  return { ...bundle, rows };
}

/**
 * A chain whose first rows were written before the digest switch (recorded here at seq 5, as
 * a database migrated from the earlier formula would have it), two projects interleaved,
 * checkpoints at 6 and 12. The bundle of one project verifies with the database gone.
 */
describe('audit bundle: one project, verified offline', () => {
  const suffix = uniqueSuffix().replace(/-/g, '');
  let database: ScratchDatabase | undefined;
  let bundle: AuditBundle;
  const projectA = randomUUID();
  const projectB = randomUUID();

  beforeAll(async () => {
    database = await createScratchDatabase(`audit_bundle_${suffix}`);
    const owner = new Client({ connectionString: database.superuserUrl });
    await owner.connect();
    await owner.query(
      `INSERT INTO audit_chain_formats (formula, from_seq) VALUES ('digest-link', 5)`,
    );
    await owner.end();
    const writer = new AuditChainWriter();
    await withDataSource(database.appUrl, async (dataSource) => {
      for (let n = 1; n <= 12; n += 1) {
        const project = n % 3 === 0 ? projectB : projectA;
        await dataSource.transaction((manager) => writer.append(manager, entry(project, n)));
        if (n === 6 || n === 12) await signAuditCheckpoint(dataSource, key);
      }
      expect((await verifyAuditTrail(dataSource, [key])).intact).toBe(true);
      bundle = await exportAuditBundle(dataSource, { projectId: projectB });
    });
    // The database is gone before anything is verified.
    await dropScratchDatabase(database);
    database = undefined;
  });
  afterAll(async () => {
    if (database) await dropScratchDatabase(database);
  });

  it('knows both link formulas and carries other projects only as digests after the switch', () => {
    expect(bundle.digestLinksFromSeq).toBe('5');
    expect(bundle.start).toEqual(expect.objectContaining({ seq: '0', genesis: true }));
    expect(bundle.end.seq).toBe('12');
    expect(bundle.rows.map((row) => row.seq)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
    ]);
    const whole = bundle.rows.filter((row) => 'canonical' in row).map((row) => row.seq);
    // 1–4 predate the switch (their link covers their text); 3, 6, 9, 12 are project B's.
    expect(whole).toEqual(['1', '2', '3', '4', '6', '9', '12']);
    for (const row of bundle.rows) {
      if ('canonical' in row && Number(row.seq) >= 5) expect(row.canonical).toContain(projectB);
    }
    expect(
      JSON.stringify(bundle.rows.filter((row) => Number(row.seq) >= 5 && 'digest' in row)),
    ).not.toContain(projectA);
  });

  it('verifies offline with the database stopped', () => {
    const result = verifyOffline(bundle);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^intact, rows 1–12 \(7 in full\), from the chain’s beginning to the checkpoint of seq 12; signed by [0-9a-f]{16} \(trusted keys\)/,
    );
  });

  it('names the row when one byte of any row is changed', () => {
    for (const [index, row] of bundle.rows.entries()) {
      for (const field of ['content', 'hash'] as const) {
        const report = verifyAuditBundle(withOneByteChanged(bundle, index, field), [publicKey], []);
        expect({ seq: row.seq, field, intact: report.intact, at: report.brokenAtSeq }).toEqual({
          seq: row.seq,
          field,
          intact: false,
          at: row.seq,
        });
      }
    }
    const result = verifyOffline(withOneByteChanged(bundle, 8, 'content'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("broken at seq 9: row 9's hash does not match its content");
  });

  it('names a dropped row', () => {
    for (const [index, row] of bundle.rows.entries()) {
      const dropped = { ...bundle, rows: bundle.rows.filter((_, i) => i !== index) };
      const report = verifyAuditBundle(dropped, [publicKey], []);
      expect({ seq: row.seq, at: report.brokenAtSeq, intact: report.intact }).toEqual({
        seq: row.seq,
        at: row.seq,
        intact: false,
      });
    }
    const result = verifyOffline({ ...bundle, rows: bundle.rows.filter((row) => row.seq !== '6') });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('broken at seq 6: row 6 is missing (dropped from the bundle)');
  });

  it('refuses a checkpoint signed by another key, and a bundle with no trusted key says whose key it used', () => {
    const other = parseAuditPublicKey(
      parseAuditSigningKey(generatedAuditSigningKey()).publicKeyPem,
    );
    expect(verifyAuditBundle(bundle, [other], []).problem).toMatch(
      /end checkpoint is signed by key/,
    );
    expect(verifyAuditBundle(bundle, [], [publicKey]).summary).toContain('keys the bundle carries');
  });
});
