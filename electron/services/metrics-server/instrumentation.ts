// The peak_trade_http_* families (seed §7.1). One instance lives while instrumentation is
// enabled: turning it off drops the instance, turning it on builds a fresh one, so counts
// restart from zero — as they did in the original, where the flag only took effect on a
// process restart. Prometheus treats that like any restart (counter reset).
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PromClientModule } from './prom-client';

/** Seed §7.1, exactly. */
export const DURATION_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

type HttpLabel = 'method' | 'route' | 'status_code';

interface SeriesChild {
  requests: { inc: (value?: number) => void };
  duration: { observe: (seconds: number) => void };
}

export class HttpInstrumentation {
  readonly registry: Registry;
  private readonly requests: Counter<HttpLabel>;
  private readonly duration: Histogram<HttpLabel>;
  private readonly inFlight: Gauge;
  // labels() validates and builds closures; doing that once per series keeps the hot path to a
  // Map lookup. Bounded: routes, methods and status codes are all small fixed sets.
  private readonly children = new Map<string, SeriesChild>();

  constructor(prom: PromClientModule) {
    this.registry = new prom.Registry();
    const labelNames: HttpLabel[] = ['method', 'route', 'status_code'];
    this.requests = new prom.Counter({
      name: 'peak_trade_http_requests_total',
      help: 'HTTP requests served, by method, route template and status code.',
      labelNames,
      registers: [this.registry],
    });
    this.duration = new prom.Histogram({
      name: 'peak_trade_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route template and status code.',
      labelNames,
      buckets: [...DURATION_BUCKETS],
      registers: [this.registry],
    });
    this.inFlight = new prom.Gauge({
      name: 'peak_trade_http_in_flight_requests',
      help: 'HTTP requests being answered right now.',
      registers: [this.registry],
    });
  }

  begin(): void {
    this.inFlight.inc();
  }

  end(method: string, route: string, status: number, seconds: number): void {
    this.inFlight.dec();
    const key = `${method}|${route}|${status}`;
    let child = this.children.get(key);
    if (child === undefined) {
      const statusCode = String(status);
      child = {
        requests: this.requests.labels(method, route, statusCode),
        duration: this.duration.labels(method, route, statusCode),
      };
      this.children.set(key, child);
    }
    child.requests.inc();
    child.duration.observe(seconds);
  }
}
