// Prometheus HTTP API payloads (the `data` of a success envelope) as the app's typed results.
// Validated with zod, so a proxy or another program answering on the port is reported as a bad
// response instead of surfacing later as `undefined` in a chart.
import { z } from 'zod';
import type { InstantQueryResult, Labels, MetricMetadata, ScrapeTarget } from '../../../shared/api';

/** The envelope every /api/v1 endpoint answers with. */
export const envelopeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

const labels = z.record(z.string(), z.string());
const samplePair = z.tuple([z.number(), z.string()]);

const instantSchema = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: labels, value: samplePair })),
  }),
  z.object({ resultType: z.literal('scalar'), result: samplePair }),
  z.object({ resultType: z.literal('string'), result: samplePair }),
]);

const targetsSchema = z.object({
  activeTargets: z.array(
    z.object({
      labels,
      scrapePool: z.string().optional(),
      scrapeUrl: z.string(),
      lastError: z.string().default(''),
      lastScrape: z.string().default(''),
      lastScrapeDuration: z.number().default(0),
      health: z.string(),
    }),
  ),
});

const buildInfoSchema = z.object({
  version: z.string(),
  revision: z.string().default(''),
  branch: z.string().default(''),
  goVersion: z.string().default(''),
});
export type BuildInfo = z.infer<typeof buildInfoSchema>;

/** Thrown by the parsers; the request layer turns it into 'prometheus-bad-response'. */
export class UnexpectedPayload extends Error {}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new UnexpectedPayload(`${what}: ${issue?.message ?? 'unexpected shape'}${where}`);
}

/** A vector, scalar or string; a matrix (from `up[5m]`) is shaped by columns.ts instead. */
export function parseInstant(data: unknown): InstantQueryResult {
  return parse(instantSchema, data, 'instant query result');
}

export function parseTargets(data: unknown): ScrapeTarget[] {
  return parse(targetsSchema, data, 'targets').activeTargets.map((t) => ({
    job: t.labels.job ?? t.scrapePool ?? '',
    instance: t.labels.instance ?? '',
    scrapeUrl: t.scrapeUrl,
    health: t.health === 'up' || t.health === 'down' ? t.health : 'unknown',
    lastScrape: t.lastScrape,
    lastScrapeDurationSeconds: t.lastScrapeDuration,
    lastError: t.lastError,
    labels: t.labels,
  }));
}

export function parseLabelValues(data: unknown): string[] {
  return parse(z.array(z.string()), data, 'label values');
}

export function parseBuildInfo(data: unknown): BuildInfo {
  return parse(buildInfoSchema, data, 'build info');
}

const alertingRuleSchema = z.object({
  type: z.literal('alerting'),
  name: z.string(),
  query: z.string(),
  state: z.enum(['inactive', 'pending', 'firing']).catch('inactive'),
  duration: z.number().default(0),
  labels: labels.default({}),
  annotations: labels.default({}),
  alerts: z
    .array(
      z.object({
        labels,
        annotations: labels.default({}),
        state: z.string(),
        activeAt: z.string().optional(),
        value: z.string().default(''),
      }),
    )
    .default([]),
  health: z.string().default('unknown'),
  lastError: z.string().default(''),
  evaluationTime: z.number().default(0),
  lastEvaluation: z.string().optional(),
});

const rulesSchema = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      rules: z.array(z.union([alertingRuleSchema, z.object({ type: z.literal('recording') })])),
    }),
  ),
});

/** One alerting rule as /api/v1/rules reports it. */
export type LoadedAlertingRule = z.infer<typeof alertingRuleSchema> & { group: string };

export function parseAlertingRules(data: unknown): LoadedAlertingRule[] {
  return parse(rulesSchema, data, 'rules').groups.flatMap((g) =>
    g.rules.flatMap((r) => (r.type === 'alerting' ? [{ ...r, group: g.name }] : [])),
  );
}

export function parseLabelNames(data: unknown): string[] {
  return parse(z.array(z.string()), data, 'label names');
}

export function parseSeries(data: unknown): Labels[] {
  return parse(z.array(labels), data, 'series');
}

const metadataSchema = z.record(
  z.string(),
  z.array(z.object({ type: z.string(), help: z.string(), unit: z.string().default('') })),
);

export function parseMetadata(data: unknown): Record<string, MetricMetadata[]> {
  return parse(metadataSchema, data, 'metric metadata');
}
