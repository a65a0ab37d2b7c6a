import { randomUUID, sign } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parseAuditSigningKey } from '@app/config';
import { sha256Hex } from '@app/domain';
import {
  auditCanonicalContent,
  auditCheckpointStatement,
  auditLinkHash,
  auditRowContent,
  AuditTrailVerification,
  createDataSource,
  signAuditCheckpoint,
  verifyAuditChain,
  verifyAuditTrail,
} from '@app/persistence';
import type { AuditEntryInput } from '@app/workflows/public-api';
import { AuditChainWriter } from '../../apps/worker/src/activities/audit-chain.writer';
import { generatedAuditSigningKey } from '../support/audit-keys';
import { uniqueSuffix } from '../support/fixtures';
import {
  copyScratchDatabase,
  createScratchDatabase,
  dropScratchDatabase,
  ScratchDatabase,
} from '../support/scratch-database';

const ROWS = 12;
const key = parseAuditSigningKey(generatedAuditSigningKey());
const trusted = [key];

/** The audit entry of step `n` of a made-up project, as the workflow would describe it. */
function entry(projectId: string, n: number): AuditEntryInput {
  const decision = n % 2 === 0;
  return {
    projectId,
    workflowId: `project-${projectId}`,
    runId: 'run-1',
    eventRef: `event-${n}`,
    kind: decision ? 'decision' : 'system',
    eventType: decision ? 'approvePlan' : 'reminderSent',
    actor: decision ? { userId: `user-${n}`, role: 'staff' } : null,
    workflowTime: new Date(Date.UTC(2026, 0, 1, 8, n)).toISOString(),
    payload: { step: n, note: `第${n}步, "quoted", =1+1` },
    ...(decision
      ? {
          decision: {
            decisionId: `decision-${n}`,
            hash: sha256Hex(`decision-${n}`),
            result: { accepted: true, step: n },
          },
        }
      : {}),
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

async function asSuperuser(database: ScratchDatabase, ...statements: string[]): Promise<void> {
  const client = new Client({ connectionString: database.superuserUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * The chain is written by the real AuditChainWriter through the application's role into a
 * database of this suite's own (so the damage done here is seen by no other suite), with signed
 * checkpoints at seq 6 and seq 12. Each test tampers with a fresh copy as the superuser.
 */
describe('audit chain: tampering by a database superuser is named', () => {
  const suffix = uniqueSuffix().replace(/-/g, '');
  let template: ScratchDatabase;
  const copies: ScratchDatabase[] = [];

  beforeAll(async () => {
    template = await createScratchDatabase(`audit_tamper_${suffix}`);
    const writer = new AuditChainWriter();
    const projectId = randomUUID();
    await withDataSource(template.appUrl, async (dataSource) => {
      for (let n = 1; n <= ROWS; n += 1) {
        await dataSource.transaction((manager) => writer.append(manager, entry(projectId, n)));
        if (n === 6 || n === ROWS) await signAuditCheckpoint(dataSource, key);
      }
    });
  });
  afterAll(async () => {
    for (const copy of copies) await dropScratchDatabase(copy);
    if (template) await dropScratchDatabase(template);
  });

  async function tamperedCopy(...statements: string[]): Promise<ScratchDatabase> {
    const copy = await copyScratchDatabase(template, `${template.name}_${copies.length + 1}`);
    copies.push(copy);
    await asSuperuser(copy, ...statements);
    return copy;
  }

  const verify = (database: ScratchDatabase): Promise<AuditTrailVerification> =>
    withDataSource(database.appUrl, (dataSource) => verifyAuditTrail(dataSource, trusted));

  it('verifies an untouched chain as intact, with its checkpoints', async () => {
    const report = await verify(await tamperedCopy());
    expect(report).toEqual(
      expect.objectContaining({
        intact: true,
        rows: ROWS,
        headSeq: String(ROWS),
        brokenAtSeq: null,
        checkpoints: { total: 2, matched: 2, latestSeq: String(ROWS), signaturesChecked: true },
      }),
    );
    expect(report.summary).toMatch(
      /^intact, 12 rows, head hash [0-9a-f]{64}; 2 signed checkpoints verified$/,
    );
  });

  it('names a row whose payload was changed', async () => {
    const copy = await tamperedCopy(
      `UPDATE audit_events SET payload = '{"step": 5, "note": "nothing to see"}' WHERE seq = 5`,
    );
    expect(await verify(copy)).toEqual(
      expect.objectContaining({
        intact: false,
        brokenAtSeq: '5',
        problem: "the row's columns differ from its canonical text",
      }),
    );
  });

  it('names the gap a deleted middle row leaves', async () => {
    const copy = await tamperedCopy('DELETE FROM audit_events WHERE seq = 6');
    expect(await verify(copy)).toEqual(
      expect.objectContaining({
        intact: false,
        brokenAtSeq: '7',
        problem: expect.stringContaining('sequence gap: expected 6, found 7'),
      }),
    );
  });

  it('names two rows swapped', async () => {
    const copy = await tamperedCopy(
      'UPDATE audit_events SET seq = 1000 WHERE seq = 3',
      'UPDATE audit_events SET seq = 3 WHERE seq = 4',
      'UPDATE audit_events SET seq = 4 WHERE seq = 1000',
    );
    expect(await verify(copy)).toEqual(
      expect.objectContaining({ intact: false, brokenAtSeq: '3' }),
    );
  });

  it('names the newest three rows deleted, which only the checkpoint reveals', async () => {
    const copy = await tamperedCopy('DELETE FROM audit_events WHERE seq > 9');
    await withDataSource(copy.appUrl, async (dataSource) =>
      expect(await verifyAuditChain(dataSource)).toEqual(
        expect.objectContaining({ intact: true, rows: 9 }),
      ),
    );
    expect(await verify(copy)).toEqual(
      expect.objectContaining({
        intact: false,
        rows: 9,
        brokenAtSeq: '10',
        problem: expect.stringMatching(
          /checkpoint of seq 12 .* the chain ends at seq 9 \(rows 10–12 were removed/,
        ),
      }),
    );
  });

  it('names a TRUNCATE', async () => {
    const copy = await tamperedCopy('TRUNCATE audit_events');
    expect(await verify(copy)).toEqual(
      expect.objectContaining({
        intact: false,
        rows: 0,
        brokenAtSeq: '1',
        problem: expect.stringContaining('the chain ends at seq 0'),
      }),
    );
  });

  it('names a tail rewritten with every hash recomputed', async () => {
    // What a superuser who knows the format does: new content from seq 10 on, each row's
    // canonical text and hash recomputed with the project's own code, every link consistent.
    const copy = await tamperedCopy();
    const client = new Client({ connectionString: copy.superuserUrl });
    await client.connect();
    try {
      const rows = (
        await client.query(
          `SELECT seq::text AS seq, project_id, workflow_id, run_id, event_ref, kind, event_type, actor,
                  to_char(workflow_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS workflow_time,
                  decision_id, decision_hash, decision_result, prev_hash
             FROM audit_events WHERE seq >= 10 ORDER BY audit_events.seq`,
        )
      ).rows;
      let prevHash = rows[0].prev_hash as string;
      for (const row of rows) {
        const payload = { step: Number(row.seq), note: 'rewritten' };
        const canonical = auditCanonicalContent({ ...auditRowContent(row), payload });
        const hash = auditLinkHash('digest-link', prevHash, { canonical });
        await client.query(
          'UPDATE audit_events SET payload = $2, canonical = $3, prev_hash = $4, hash = $5 WHERE seq = $1',
          [row.seq, JSON.stringify(payload), canonical, prevHash, hash],
        );
        prevHash = hash;
      }
    } finally {
      await client.end();
    }
    await withDataSource(copy.appUrl, async (dataSource) =>
      expect(await verifyAuditChain(dataSource)).toEqual(expect.objectContaining({ intact: true })),
    );
    expect(await verify(copy)).toEqual(
      expect.objectContaining({
        intact: false,
        brokenAtSeq: '12',
        problem: expect.stringMatching(
          /row 12's hash differs .* rows after seq 6 up to 12 were rewritten/,
        ),
      }),
    );
  });

  it('refuses a checkpoint forged with another key', async () => {
    const forger = parseAuditSigningKey(generatedAuditSigningKey());
    const copy = await tamperedCopy('DELETE FROM audit_checkpoints WHERE seq = 12');
    const signedAt = new Date().toISOString();
    const head = 'f'.repeat(64);
    const signature = sign(
      null,
      Buffer.from(auditCheckpointStatement('12', head, signedAt)),
      forger.privateKey,
    ).toString('base64');
    await asSuperuser(
      copy,
      `INSERT INTO audit_checkpoints (seq, hash, signed_at, signature, key_id, public_key)
       VALUES (12, '${head}', '${signedAt}', '${signature}', '${forger.keyId}', 'forged')`,
    );
    expect(await verify(copy)).toEqual(
      expect.objectContaining({
        intact: false,
        brokenAtSeq: '12',
        problem: expect.stringContaining(
          `signed by key ${forger.keyId}, which is not a trusted key`,
        ),
      }),
    );
  });

  it("refuses the application's role UPDATE, DELETE and TRUNCATE of the audit records", async () => {
    const copy = await tamperedCopy();
    const app = new Client({ connectionString: copy.appUrl });
    await app.connect();
    try {
      for (const statement of [
        `UPDATE audit_events SET payload = '{}' WHERE seq = 1`,
        'DELETE FROM audit_events WHERE seq = 12',
        'TRUNCATE audit_events',
        `UPDATE audit_checkpoints SET hash = 'x'`,
        'DELETE FROM audit_checkpoints',
        'TRUNCATE audit_checkpoints',
        'DELETE FROM workflow_run_archives',
        `UPDATE workflow_run_archives SET history = '{}'`,
      ]) {
        await expect(app.query(statement)).rejects.toThrow(/permission denied/);
      }
    } finally {
      await app.end();
    }
    expect((await verify(copy)).intact).toBe(true);
  });
});
