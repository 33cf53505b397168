// The stack's files as text, rendered from settings: pure functions, so every variant (Linux host
// networking, macOS / Windows port mappings, native) is tested without writing anything. One
// module per file rendered lives in render/; importers use this one.
export {
  COMPOSE_PROJECT,
  CONTAINER_SOURCE_CA,
  DASHBOARD_FILE,
  EXTRA_JOB,
  GRAFANA_HARDENING,
  GRAFANA_PROMETHEUS_PASSWORD_ENV,
  GRAFANA_SOURCE_CREDENTIAL_ENV,
  INSTANCE_TOKEN_PREFIX,
  PROMETHEUS_CORS_ORIGIN,
  PROMETHEUS_USER_NAME,
  STACK_PATHS,
  WEB_CONFIG_FILE,
  instanceTokenPath,
  usesHostNetwork,
  type StackFilesInput,
} from './render/common';
export {
  renderInstancesFile,
  renderPrometheusConfig,
  renderPrometheusWebConfig,
  serverTarget,
  type PrometheusConfigOptions,
} from './render/prometheus';
export { renderComposeFile, renderEnvFile } from './render/compose';
export {
  grafanaSourceChanged,
  renderGrafanaDatasource,
  renderGrafanaProvider,
} from './render/grafana';
