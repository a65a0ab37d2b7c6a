import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface MetricFamily {
  name: string;
  type: string;
  metrics: { value?: string; labels?: Record<string, string>; buckets?: Record<string, string> }[];
}

/** Parses Prometheus' text format with a parser of its own (prom2json's shape). */
export function parsePrometheus(text: string): MetricFamily[] {
  return parsePrometheusTextFormat(text) as MetricFamily[];
}

/** The sum of a family's samples whose labels include `labels`. */
export function sampleSum(
  families: MetricFamily[],
  name: string,
  labels: Record<string, string> = {},
): number {
  const family = families.find((candidate) => candidate.name === name);
  return (family?.metrics ?? [])
    .filter((metric) =>
      Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value),
    )
    .reduce((sum, metric) => sum + Number(metric.value ?? 0), 0);
}

/**
 * How many observations a histogram holds over all its series: the sum of its `_count`
 * samples. Read from the text because parse-prometheus-text-format 1.1.1 merges a histogram's
 * series into one and drops their labels, counts and sums (it keeps the family and buckets).
 */
export function histogramCount(text: string, name: string): number {
  const pattern = new RegExp(`^${name}_count(?:\\{[^}]*\\})? (\\S+)$`, 'gm');
  return [...text.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
}
