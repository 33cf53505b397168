// codemirror-promql's completion asks a PrometheusClient for metric names, label names and
// values, series and metadata. Its own client would fetch Prometheus's HTTP API from the page;
// this one asks the ConsoleApi instead, so the renderer never reaches Prometheus itself (the CSP
// would refuse it anyway, and the core is the one place that talks to Prometheus).
import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import { EqlRegex, EqlSingle, Neq, NeqRegex } from '@prometheus-io/lezer-promql';
import type { ConsoleApi } from '../../../shared/api';

/** What codemirror-promql passes as a label matcher (its Matcher class, structurally). */
export interface LabelMatcher {
  type: number;
  name: string;
  value: string;
}

const OPERATORS = new Map([
  [EqlSingle, '='],
  [Neq, '!='],
  [EqlRegex, '=~'],
  [NeqRegex, '!~'],
]);

/** `metric{a="1", b=~"x"}` from the matchers the editor has parsed; empty matchers are left out,
 * and so is the label whose values are being completed. */
export function seriesSelector(
  metricName: string,
  matchers: readonly LabelMatcher[] = [],
  skipLabel?: string,
): string {
  const parts = matchers
    .filter((m) => m.name !== skipLabel && m.value !== '')
    .map((m) => `${m.name}${OPERATORS.get(m.type) ?? '='}${JSON.stringify(m.value)}`);
  if (!parts.length) return metricName;
  return `${metricName}{${parts.join(',')}}`;
}

type CompletionApi = Pick<
  ConsoleApi,
  'getLabelNames' | 'getLabelValues' | 'getSeries' | 'getMetricMetadata'
>;

/** A failed lookup completes nothing rather than breaking the editor. */
const orEmpty = <T>(p: Promise<T>, empty: T): Promise<T> => p.catch(() => empty);

export function consolePromqlClient(api: CompletionApi): PrometheusClient {
  return {
    labelNames: (metricName) =>
      orEmpty(api.getLabelNames(metricName ? { match: metricName } : undefined), []),
    labelValues: (labelName, metricName, matchers) => {
      const match =
        metricName || matchers?.length
          ? seriesSelector(metricName ?? '', matchers, labelName)
          : undefined;
      return orEmpty(api.getLabelValues({ label: labelName, match: match || undefined }), []);
    },
    metricMetadata: () => orEmpty(api.getMetricMetadata(), {}),
    series: (metricName, matchers, labelName) =>
      orEmpty(
        api
          .getSeries({ match: seriesSelector(metricName, matchers, labelName) })
          .then((found) => found.map((labels) => new Map(Object.entries(labels)))),
        [],
      ),
    metricNames: () => orEmpty(api.getLabelValues({ label: '__name__' }), []),
    // Only feature flags are read from here; none of them changes what Peak Watch completes.
    flags: () => Promise.resolve({}),
  };
}
