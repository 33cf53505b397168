// The names of every ConsoleApi method and event, as plain lists. Both hosts and the preload
// iterate them. This file imports nothing at run time: the sandboxed preload bundles it, and
// Electron's sandboxed preload loader can load no npm package and no second file
// (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts). api.ts pins these
// lists to the ConsoleApi interface and to its request schemas at the type level.
import type { ConsoleEvent, ConsoleMethod } from './api';

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
] as const satisfies readonly ConsoleEvent[];
