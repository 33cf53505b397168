// The names of every ConsoleApi method and event, as plain lists. Both hosts and the preload
// iterate them. This file imports nothing at run time: the sandboxed preload bundles it, and
// Electron's sandboxed preload loader can load no npm package and no second file
// (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts). The checks at the
// end pin these lists to the ConsoleApi interface at the type level.
import type { ConsoleEvent, ConsoleMethod } from './contract/console-api';

export const CONSOLE_METHODS = [
  'getServerStatus',
  'getSettings',
  'updateSettings',
  'getStackStatus',
  'startStack',
  'stopStack',
  'getStackLogs',
  'runPreflight',
  'query',
  'queryRange',
  'getTargets',
  'getLabelValues',
  'getGrafanaInfo',
  'revealGrafanaPassword',
  'revealPrometheusPassword',
  'openExternal',
  'sendTraffic',
  'getAlerts',
  'getLabelNames',
  'getSeries',
  'getMetricMetadata',
  'getQueryHistory',
  'addQueryHistory',
  'getSourceStatus',
  'testSource',
  'useSource',
  'getRemoteWriteStatus',
  'addRemoteWrite',
  'removeRemoteWrite',
  'watchPortHolder',
  'getTelemetryStatus',
  'searchTraces',
  'getTrace',
  'searchLogs',
  'queryExemplars',
] as const satisfies readonly ConsoleMethod[];

export const CONSOLE_EVENTS = [
  'serverStatus',
  'settings',
  'stackStatus',
  'stackProgress',
  'preflight',
  'alerts',
  'alertNotification',
  'health',
  'source',
  'telemetry',
] as const satisfies readonly ConsoleEvent[];

// Every method and event of ConsoleApi has its name here (requests.ts gives every method a
// schema): a name missing from a list fails to compile.
type Unlisted<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const everyMethodListed: Unlisted<ConsoleMethod, (typeof CONSOLE_METHODS)[number]> = true;
const everyEventListed: Unlisted<ConsoleEvent, (typeof CONSOLE_EVENTS)[number]> = true;
void everyMethodListed;
void everyEventListed;
