import type { NextFunction, Request, Response } from 'express';
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

/**
 * Counts and times every answer once it is sent, by the route's template (never the raw path,
 * which would make one series per project). Installed before routing, so it also sees the
 * 401s and 403s that guards answer and the 404s of unknown paths.
 */
export function httpMetricsMiddleware(metrics: ApiMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const template = (request.route as { path?: string } | undefined)?.path;
      const route = template ? `${request.baseUrl}${template}` : 'unmatched';
      const status = response.statusCode;
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
        const named = (response.locals as { refusalReason?: unknown }).refusalReason;
        const reason = typeof named === 'string' ? named : `http-${status}`;
        metrics.refusals.inc({ reason, status: String(status) });
      }
      if (status === 503) metrics.unavailable.inc({ route });
    });
    next();
  };
}
