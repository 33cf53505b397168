// The embedded watch-only metrics server (seed §6, §7, §9.1, §12.1). Plain Node, no electron.
export { MetricsServer, type MetricsServerOptions } from './metrics-server';
export { CONTRACT_VERSION } from './handlers';
export { DURATION_BUCKETS } from './instrumentation';
