// The ConsoleApi contract, the one module importers use: every method and event both hosts serve
// and the renderer uses. Each concern lives in its own module of shared/contract/ (types by
// subject, request schemas, range helpers); this file only re-exports them, so nothing in
// shared/ imports it and no import cycle can run through it (scripts/import-cycles.test.ts).
export type * from './contract/status';
export type * from './contract/prometheus';
export type * from './contract/alerts';
export type * from './contract/sources';
export type * from './contract/console-api';
export type * from './contract/telemetry';
export { LOG_SEVERITIES } from './contract/telemetry';
export { MANAGED_PROMETHEUS_USER } from './contract/prometheus';
export { rangeResult, sampleAt, sampleText } from './contract/range';
export { requestSchemas } from './contract/requests';
export { CONSOLE_EVENTS, CONSOLE_METHODS } from './methods';
export type { Settings, SettingsPatch } from './settings';
export {
  CONSOLE_ERROR_CODES,
  ConsoleError,
  describeIssues,
  isEnvelope,
  unwrap,
  type ConsoleErrorCode,
  type ConsoleErrorInfo,
  type Envelope,
} from './errors';
export { toErrorInfo } from './error-info';
