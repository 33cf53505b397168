// Prometheus HTTP client: one keep-alive pool per base URL, typed results, distinct errors.
export { PrometheusClient, type CallOptions, type PrometheusClientOptions } from './client';
export {
  DEFAULT_TIMEOUT_MS,
  sourceFix,
  type AuthSource,
  type BasicAuth,
  type BearerAuth,
  type Credentials,
  type HttpAnswer,
  type Peer,
  type TlsOptions,
} from './request';
export type { BuildInfo } from './responses';
