// The zod schema of every method's payload: both hosts validate what crosses the boundary before
// the core sees it (electron/services/dispatch.ts).
import { z } from 'zod';
import { isAbsolutePath, isSourceUrl, publicSettingsPatchSchema } from '../settings';
import type { ConsoleMethod } from './console-api';

const noArgs = z.undefined().or(z.object({}).strict());
const serviceName = z.enum(['prometheus', 'grafana']);
const promql = z.string().trim().min(1, 'a query is required').max(20_000);
const unixTime = z.number().finite().nonnegative();
const selector = z.string().trim().min(1, 'a series selector is required').max(2000);

const sourceAuthKind = z.enum(['none', 'basic', 'bearer']);
/** A password or token: one line, no control characters (it goes into an HTTP header). */
const secretText = z
  .string()
  .min(1, 'empty')
  .max(4096)
  // eslint-disable-next-line no-control-regex
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'one line without control characters');
const sourceUseRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('managed') }).strict(),
  z
    .object({
      kind: z.literal('existing'),
      url: z
        .string()
        .max(2000)
        .refine(isSourceUrl, 'an http:// or https:// URL, no credentials, query or fragment in it'),
      auth: sourceAuthKind,
      user: z.string().max(200).optional(),
      secret: secretText.optional(),
      caFile: z
        .string()
        .max(4096)
        .refine((v) => v === '' || isAbsolutePath(v), 'an absolute path to a PEM file')
        .optional(),
      skipTlsVerify: z.boolean().optional(),
    })
    .strict(),
]);

const traceId = z.string().regex(/^[0-9a-f]{32}$/, 'a trace id is 32 lowercase hex digits');
const unixMs = z.number().finite().nonnegative();

/** Payload schema for every method: both hosts validate what crosses the boundary. */
export const requestSchemas = {
  getServerStatus: noArgs,
  getSettings: noArgs,
  updateSettings: publicSettingsPatchSchema,
  getStackStatus: noArgs,
  startStack: noArgs,
  stopStack: noArgs,
  getStackLogs: z
    .object({ service: serviceName, lines: z.number().int().min(1).max(5000).optional() })
    .strict(),
  runPreflight: z
    .object({ only: z.string().min(1).max(100).optional() })
    .strict()
    .optional(),
  query: z.object({ query: promql, time: unixTime.optional() }).strict(),
  queryRange: z
    .object({
      query: promql,
      start: unixTime,
      end: unixTime,
      step: z.number().finite().positive().max(86_400),
    })
    .strict()
    .refine((r) => r.end >= r.start, 'end must not be before start')
    .refine((r) => (r.end - r.start) / r.step <= 11_000, 'too many points: raise the step'),
  getTargets: noArgs,
  getLabelValues: z
    .object({
      label: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'not a label name'),
      match: z.string().max(2000).optional(),
    })
    .strict(),
  getLabelNames: z.object({ match: selector.optional() }).strict().optional(),
  getSeries: z.object({ match: selector }).strict(),
  getMetricMetadata: z
    .object({
      metric: z
        .string()
        .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'not a metric name')
        .optional(),
    })
    .strict()
    .optional(),
  getQueryHistory: z
    .object({ search: z.string().max(200).optional() })
    .strict()
    .optional(),
  addQueryHistory: z.object({ query: promql }).strict(),
  getGrafanaInfo: noArgs,
  revealGrafanaPassword: noArgs,
  revealPrometheusPassword: noArgs,
  openExternal: z.object({ target: z.enum(['grafana', 'prometheus']) }).strict(),
  sendTraffic: z
    .object({ requests: z.number().int().min(1).max(2000).optional() })
    .strict()
    .optional(),
  getAlerts: noArgs,
  getSourceStatus: noArgs,
  testSource: sourceUseRequest,
  useSource: sourceUseRequest,
  getRemoteWriteStatus: noArgs,
  addRemoteWrite: z
    .object({
      url: z
        .string()
        .max(2000)
        .refine(isSourceUrl, 'an http:// or https:// URL, no credentials in it'),
      auth: sourceAuthKind,
      user: z.string().max(200).optional(),
      secret: secretText.optional(),
    })
    .strict(),
  removeRemoteWrite: z.object({ url: z.string().min(1).max(2000) }).strict(),
  watchPortHolder: noArgs,
  getTelemetryStatus: noArgs,
  searchTraces: z
    .object({
      route: z.string().max(500).optional(),
      status: z.enum(['ok', 'error', '2xx', '3xx', '4xx', '5xx']).optional(),
      minDurationMs: z.number().finite().nonnegative().optional(),
      start: unixMs.optional(),
      end: unixMs.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict()
    .optional(),
  getTrace: z.object({ traceId }).strict(),
  searchLogs: z
    .object({
      minSeverity: z
        .enum(['unspecified', 'trace', 'debug', 'info', 'warn', 'error', 'fatal'])
        .optional(),
      text: z.string().max(500).optional(),
      traceId: traceId.optional(),
      afterSeq: z.number().int().min(0).optional(),
      start: unixMs.optional(),
      end: unixMs.optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    })
    .strict()
    .optional(),
  queryExemplars: z
    .object({ query: promql, start: unixTime, end: unixTime })
    .strict()
    .refine((r) => r.end >= r.start, 'end must not be before start'),
} satisfies Record<ConsoleMethod, z.ZodType>;
