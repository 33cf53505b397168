// The peak_trade_http_* families. One instance lives while instrumentation is
// enabled: turning it off drops the instance, turning it on builds a fresh one, so counts
// restart from zero, as they would after a process restart, which Prometheus already treats as a
// counter reset.
//
// The request path only touches plain numbers; prom-client is handed the counts when a scrape
// asks (collect()), because its own inc()/observe() validate and hash labels on every call.
import type { Counter, Registry } from 'prom-client';
import { DurationSeries, durationExposition } from './duration-histogram';
import { textToOpenMetrics } from './openmetrics';
import type { PromClientModule } from './prom-client';
import type { TraceRef } from './trace-ref';

export { DURATION_BUCKETS } from './duration-histogram';

type HttpLabel = 'method' | 'route' | 'status_code';

interface Series {
  /** Requests since the last scrape; added to the counter when Prometheus reads it. */
  pending: number;
  requests: { inc: (value?: number) => void };
  duration: DurationSeries;
}

export class HttpInstrumentation {
  // route → method → status. Nested rather than one "method|route|status" key: route and
  // method are constant strings (templates; Node's own method names) whose hashes V8 caches,
  // so a lookup allocates nothing. Bounded: routes, methods and statuses are small fixed sets.
  private readonly byRoute = new Map<string, Map<string, Map<number, Series>>>();
  private readonly series: Series[] = [];
  private readonly registry: Registry;
  private readonly requests: Counter<HttpLabel>;
  private inFlight = 0;

  constructor(prom: PromClientModule) {
    this.registry = new prom.Registry();
    const series = this.series;
    this.requests = new prom.Counter({
      name: 'peak_trade_http_requests_total',
      help: 'HTTP requests served, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      registers: [this.registry],
      collect() {
        for (const s of series) {
          if (s.pending > 0) {
            s.requests.inc(s.pending);
            s.pending = 0;
          }
        }
      },
    });
    const inFlight = (): number => this.inFlight;
    new prom.Gauge({
      name: 'peak_trade_http_in_flight_requests',
      help: 'HTTP requests being answered right now.',
      registers: [this.registry],
      collect() {
        this.set(inFlight());
      },
    });
  }

  begin(): void {
    this.inFlight += 1;
  }

  /** `traced`: the request's span, which becomes its bucket's exemplar. */
  end(
    method: string,
    route: string,
    status: number,
    seconds: number,
    traced: TraceRef | null = null,
  ): void {
    this.inFlight -= 1;
    const s =
      this.byRoute.get(route)?.get(method)?.get(status) ?? this.addSeries(method, route, status);
    s.pending += 1;
    s.duration.observe(seconds, traced);
  }

  /** The three families in the text format, or as OpenMetrics families (no `# EOF`). */
  async exposition(openMetrics = false): Promise<string> {
    const counterAndGauge = await this.registry.metrics();
    if (!openMetrics) return counterAndGauge + durationExposition(this.durations());
    return textToOpenMetrics(counterAndGauge) + durationExposition(this.durations(), true);
  }

  private *durations(): Generator<DurationSeries> {
    for (const s of this.series) yield s.duration;
  }

  private addSeries(method: string, route: string, status: number): Series {
    const statusCode = String(status);
    const s: Series = {
      pending: 0,
      requests: this.requests.labels(method, route, statusCode),
      duration: new DurationSeries({ method, route, status_code: statusCode }),
    };
    let byMethod = this.byRoute.get(route);
    if (byMethod === undefined) {
      byMethod = new Map<string, Map<number, Series>>();
      this.byRoute.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) {
      byStatus = new Map<number, Series>();
      byMethod.set(method, byStatus);
    }
    byStatus.set(status, s);
    this.series.push(s);
    return s;
  }
}
