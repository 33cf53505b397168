// A traced request's ids as the latency histogram keeps them (its exemplar). Its own file so
// the exposition code needs nothing of the tracing code.

/** 32 and 16 lowercase hex digits, as OpenTelemetry writes them. */
export interface TraceRef {
  traceId: string;
  spanId: string;
}
