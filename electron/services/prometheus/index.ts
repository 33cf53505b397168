// Prometheus HTTP client: one keep-alive pool per base URL, typed results, distinct errors.
export { PrometheusClient, type CallOptions, type PrometheusClientOptions } from './client';
export { DEFAULT_TIMEOUT_MS, type AuthSource, type BasicAuth } from './request';
export type { BuildInfo } from './responses';
