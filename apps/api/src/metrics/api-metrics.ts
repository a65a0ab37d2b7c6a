import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { projectsByStage } from '@app/persistence';

/** Seconds; decisions wait for the workflow and its records, so the top buckets are long. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The API's Prometheus metrics, in a registry of its own (not prom-client's global one), so
 * two apps in one process (tests) never share or double-register a metric.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'incubation_http_requests_total',
    help: 'HTTP requests answered, by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'incubation_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly decisions = new Counter({
    name: 'incubation_decisions_total',
    help: 'Decisions sent to projects, by decision route and outcome',
    labelNames: ['decision', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly decisionDuration = new Histogram({
    name: 'incubation_decision_duration_seconds',
    help: 'Time to answer a decision (the workflow, its read model and audit writes)',
    labelNames: ['decision', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly refusals = new Counter({
    name: 'incubation_refusals_total',
    help: 'Requests refused with a 4xx, by the rule (or error) named in the answer',
    labelNames: ['reason', 'status'] as const,
    registers: [this.registry],
  });

  readonly temporalCalls = new Histogram({
    name: 'incubation_temporal_call_duration_seconds',
    help: 'Calls from the API to Temporal, by outcome (ok, failed, deadline)',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly unavailable = new Counter({
    name: 'incubation_temporal_unavailable_total',
    help: 'Requests answered 503 because Temporal did not answer in time',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'incubation_api_' });
    new Gauge({
      name: 'incubation_projects_by_stage',
      help: 'Projects in each stage now, from the read model',
      labelNames: ['stage'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await projectsByStage(dataSource);
        this.reset();
        for (const row of rows) this.set({ stage: row.stage }, row.projects);
      },
    });
  }
}
