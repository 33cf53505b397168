// The peak_trade_http_* families (seed §7.1). One instance lives while instrumentation is
// enabled: turning it off drops the instance, turning it on builds a fresh one, so counts
// restart from zero — as they did in the original, where the flag only took effect on a
// process restart. Prometheus treats that like any restart (counter reset).
import type { Counter, Histogram, Registry } from 'prom-client';
import type { PromClientModule } from './prom-client';

/** Seed §7.1, exactly. */
export const DURATION_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

type HttpLabel = 'method' | 'route' | 'status_code';

interface Series {
  /** Requests since the last scrape; added to the counter when Prometheus reads it. */
  pending: number;
  requests: { inc: (value?: number) => void };
  duration: { observe: (seconds: number) => void };
}

export class HttpInstrumentation {
  readonly registry: Registry;
  // labels() validates and builds closures; doing that once per series keeps the hot path to a
  // Map lookup. Bounded: routes, methods and status codes are all small fixed sets.
  private readonly series = new Map<string, Series>();
  private readonly requests: Counter<HttpLabel>;
  private readonly duration: Histogram<HttpLabel>;
  private inFlight = 0;

  constructor(prom: PromClientModule) {
    this.registry = new prom.Registry();
    const labelNames: HttpLabel[] = ['method', 'route', 'status_code'];
    // Counter and gauge are plain numbers on the request path and handed to prom-client in
    // collect(), which runs on every scrape: prom-client's own inc() validates and hashes the
    // labels on each call, a cost worth paying per scrape but not per request.
    const series = this.series;
    this.requests = new prom.Counter({
      name: 'peak_trade_http_requests_total',
      help: 'HTTP requests served, by method, route template and status code.',
      labelNames,
      registers: [this.registry],
      collect() {
        for (const s of series.values()) {
          if (s.pending > 0) {
            s.requests.inc(s.pending);
            s.pending = 0;
          }
        }
      },
    });
    this.duration = new prom.Histogram({
      name: 'peak_trade_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route template and status code.',
      labelNames,
      buckets: [...DURATION_BUCKETS],
      registers: [this.registry],
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

  end(method: string, route: string, status: number, seconds: number): void {
    this.inFlight -= 1;
    const key = `${method}|${route}|${status}`;
    let s = this.series.get(key);
    if (s === undefined) {
      const statusCode = String(status);
      s = {
        pending: 0,
        requests: this.requests.labels(method, route, statusCode),
        duration: this.duration.labels(method, route, statusCode),
      };
      this.series.set(key, s);
    }
    s.pending += 1;
    s.duration.observe(seconds);
  }
}
