import type { FastifyInstance } from 'fastify';
import type { ApiMetrics } from './api-metrics';

/** A decision is a POST on a project's action route; uploads are not decisions. */
const DECISION_ROUTE = /^\/projects\/:projectId\/(?!plan-documents)(.+)$/;

function decisionOutcome(status: number): string {
  if (status < 300) return 'accepted';
  if (status === 400) return 'invalid';
  if (status === 409) return 'wrong-stage';
  if (status === 422) return 'refused';
  if (status === 503) return 'unavailable';
  if (status < 500) return 'not-allowed';
  return 'error';
}

/** The rule each refused request's answer named, set by the exception filter. */
const refusalReasons = new WeakMap<object, string>();

export function noteRefusalReason(request: object, rule: unknown): void {
  if (typeof rule === 'string') refusalReasons.set(request, rule);
}

/**
 * Counts and times every answer once it is sent, by the route's template (never the raw path,
 * which would make one series per project). A root hook, so it also sees the 401s and 403s that
 * guards answer and the 404s of unknown paths.
 */
export function countHttpAnswers(fastify: FastifyInstance, metrics: ApiMetrics): void {
  // Callback-style, not async: no promise per answer (P0, bench/README.md).
  fastify.addHook('onResponse', (request, reply, done) => {
    const seconds = reply.elapsedTime / 1000;
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const labels = { method: request.method, route, status: String(status) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, seconds);
    const decision = request.method === 'POST' ? DECISION_ROUTE.exec(route)?.[1] : undefined;
    if (decision) {
      const outcome = { decision, outcome: decisionOutcome(status) };
      metrics.decisions.inc(outcome);
      metrics.decisionDuration.observe(outcome, seconds);
    }
    if (status >= 400 && status < 500) {
      const reason = refusalReasons.get(request) ?? `http-${status}`;
      metrics.refusals.inc({ reason, status: String(status) });
    }
    if (status === 503) metrics.unavailable.inc({ route });
    done();
  });
}
