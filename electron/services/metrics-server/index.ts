// The embedded watch-only metrics server: /metrics, the peak_trade_http_* families and the watch-only routes. Plain Node, no electron.
export { MetricsServer, type MetricsServerOptions } from './metrics-server';
export { CONTRACT_VERSION } from './handlers';
export { DURATION_BUCKETS } from './instrumentation';
