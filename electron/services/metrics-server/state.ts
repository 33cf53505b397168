// What the request path reads on every request. The MetricsServer owns it and mutates it in
// place (flags, instrumentation), which is how a flag change reaches the very next request.
import type { BearerCheck } from './bearer';
import type { HttpInstrumentation } from './instrumentation';
import type { LoadedPromClient } from './prom-client';
import type { RequestTracing } from './tracing';

export interface ServerState {
  enabled: boolean;
  strict: boolean;
  /** Null until start, or when prom-client could not be loaded. */
  prom: LoadedPromClient | null;
  /** Non-null exactly when enabled and prom-client is loaded. */
  instrumentation: HttpInstrumentation | null;
  /** Non-null exactly while telemetry.instrument exports spans (telemetry-export/). */
  tracing: RequestTracing | null;
  /** Null on loopback, where no token is asked for. */
  checkBearer: BearerCheck | null;
  /** Bound to loopback: only a loopback Host header is served (DNS rebinding). */
  loopbackOnly: boolean;
  requestsServed: number;
  /** performance.now() at start, for uptime. */
  startedAt: number;
}
