// /api/v1/query_exemplars: the trace ids a histogram bucket carries (docs/TELEMETRY.md). The
// answer's shape is Prometheus's (docs: "Querying exemplars"); a value arrives as a string, as
// every sample value does, and is a number here.
import { z } from 'zod';
import type { ExemplarSeries } from '../../../shared/contract/telemetry';
import { UnexpectedPayload } from './responses';

const exemplarsSchema = z.array(
  z.object({
    seriesLabels: z.record(z.string(), z.string()),
    exemplars: z.array(
      z.object({
        labels: z.record(z.string(), z.string()),
        value: z.union([z.string(), z.number()]),
        timestamp: z.number(),
      }),
    ),
  }),
);

export function parseExemplars(data: unknown): ExemplarSeries[] {
  const result = exemplarsSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new UnexpectedPayload(`exemplars: ${issue?.message ?? 'unexpected shape'}${where}`);
  }
  return result.data.map((s) => ({
    seriesLabels: s.seriesLabels,
    exemplars: s.exemplars.map((e) => ({
      labels: e.labels,
      value: Number(e.value),
      timestamp: e.timestamp,
    })),
  }));
}
