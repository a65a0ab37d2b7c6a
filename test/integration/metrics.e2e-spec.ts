import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import request from 'supertest';
import { MetricsServer } from '../../apps/api/src/metrics/metrics-server';
import { repoRoot } from '../../infra/dev/repo-root';
import { eventually } from '../support/eventually';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import {
  histogramCount,
  MetricFamily,
  parsePrometheus,
  sampleSum,
} from '../support/prometheus-text';
import { bootApi } from '../support/test-api';

/** In the issue-17 engineer's fixed range; the SDK's exporter needs a port named up front. */
const WORKER_METRICS_ADDRESS = '127.0.0.1:41711';

async function scrape(url: string): Promise<{ text: string; families: MetricFamily[] }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, families: parsePrometheus(text) };
}

/** Every metric a dashboard panel queries, as the family name an exporter prints. */
function dashboardMetrics(): string[] {
  const dashboard = JSON.parse(
    readFileSync(join(repoRoot(), 'infra/grafana/incubation-pipeline.dashboard.json'), 'utf8'),
  ) as { panels: { targets?: { expr: string }[] }[] };
  const names = new Set<string>();
  for (const panel of dashboard.panels) {
    for (const target of panel.targets ?? []) {
      for (const [name] of target.expr.matchAll(/\b(?:incubation|temporal)_[a-z0-9_]+\b/g)) {
        names.add(name.replace(/_(bucket|sum|count)$/, ''));
      }
    }
  }
  return [...names].sort();
}

describe('Prometheus metrics of the API and the worker', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let apiMetricsUrl: string;

  beforeAll(async () => {
    // This file's Runtime, installed before any worker: the SDK's Prometheus exporter.
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: {
        metrics: {
          prometheus: {
            bindAddress: WORKER_METRICS_ADDRESS,
            countersTotalSuffix: true,
            useSecondsForDurations: true,
          },
        },
      },
    });
    ctx = await openIntegrationContext('metrics');
    app = await bootApi(ctx.config);
    const server = app.get(MetricsServer);
    await server.start();
    apiMetricsUrl = `http://127.0.0.1:${server.port()}/metrics`;
    staff = await signedInUser(app, ctx.db, 'staff');
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('counts and times decisions, refusals and Temporal calls, on a port apart from the API', async () => {
    const before = await scrape(apiMetricsUrl);
    const accepted = { decision: 'screening', outcome: 'accepted' };
    const wrongStage = { decision: 'screening', outcome: 'wrong-stage' };

    const created = await staff.post('/projects', sampleApplication(uniqueSuffix()), {
      'Idempotency-Key': `metrics-${uniqueSuffix()}`,
    });
    expect(created.status).toBe(201);
    const { projectId } = created.body as { projectId: string };
    const screened = await staff.decide(projectId, 'screening', { outcome: 'accept' });
    expect(screened.status).toBe(200);
    const again = await staff.decide(projectId, 'screening', { outcome: 'accept' });
    expect(again.status).toBe(409);

    const after = await scrape(apiMetricsUrl);
    const moved = (name: string, labels: Record<string, string>): number =>
      sampleSum(after.families, name, labels) - sampleSum(before.families, name, labels);
    expect(moved('incubation_decisions_total', accepted)).toBe(1);
    expect(moved('incubation_decisions_total', wrongStage)).toBe(1);
    expect(
      histogramCount(after.text, 'incubation_decision_duration_seconds') -
        histogramCount(before.text, 'incubation_decision_duration_seconds'),
    ).toBe(2);
    expect(
      moved('incubation_http_requests_total', {
        method: 'POST',
        route: '/projects/:projectId/screening',
        status: '200',
      }),
    ).toBe(1);
    expect(histogramCount(after.text, 'incubation_http_request_duration_seconds')).toBeGreaterThan(
      histogramCount(before.text, 'incubation_http_request_duration_seconds'),
    );
    expect(
      histogramCount(after.text, 'incubation_temporal_call_duration_seconds'),
    ).toBeGreaterThanOrEqual(
      histogramCount(before.text, 'incubation_temporal_call_duration_seconds') + 3,
    );
    expect(moved('incubation_refusals_total', { status: '409' })).toBe(1);
    expect(
      sampleSum(after.families, 'incubation_projects_by_stage', { stage: 'MENTOR_MATCHING' }),
    ).toBeGreaterThanOrEqual(1);
    // Route templates, never raw paths: no series names a project id.
    expect(after.text).not.toContain(projectId);

    // The public API does not serve them.
    const publicPort = await request(app.getHttpServer()).get('/metrics');
    expect(publicPort.status).not.toBe(200);
  });

  it("exposes the worker's SDK runtime metrics and its own counters through the SDK's exporter", async () => {
    const created = await staff.post('/projects', sampleApplication(uniqueSuffix()), {
      'Idempotency-Key': `metrics-${uniqueSuffix()}`,
    });
    const { projectId } = created.body as { projectId: string };
    const before = await scrape(`http://${WORKER_METRICS_ADDRESS}/metrics`);
    const appendsBefore = sampleSum(before.families, 'incubation_audit_appends_total');
    expect((await staff.decide(projectId, 'screening', bodyOf(d.accept))).status).toBe(200);
    // A workflow type the bundle lacks: its workflow task fails, as an operator should see.
    const broken = ctx.client.workflow.start('noSuchWorkflowType', {
      taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
      workflowId: `metrics-broken-${uniqueSuffix()}`,
    });
    const brokenHandle = await broken;
    await eventually(async () => {
      const worker = await scrape(`http://${WORKER_METRICS_ADDRESS}/metrics`);
      expect(
        sampleSum(worker.families, 'temporal_workflow_task_execution_failed_total'),
      ).toBeGreaterThan(0);
      expect(sampleSum(worker.families, 'incubation_audit_appends_total')).toBeGreaterThan(
        appendsBefore,
      );
    }, 20_000);
    await brokenHandle.terminate('metrics test done');
  });

  it('has every metric the Grafana dashboard queries', async () => {
    const api = await scrape(apiMetricsUrl);
    const worker = await scrape(`http://${WORKER_METRICS_ADDRESS}/metrics`);
    const exported = new Set([...api.families, ...worker.families].map((family) => family.name));
    const queried = dashboardMetrics();
    expect(queried.length).toBeGreaterThan(10);
    expect(queried.filter((name) => !exported.has(name))).toEqual([]);
  });
});

function bodyOf(decision: object): object {
  return Object.fromEntries(Object.entries(decision).filter(([key]) => key !== 'type'));
}
