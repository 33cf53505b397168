// Whether a source keeps exemplars (the trace ids on histogram buckets, docs/TELEMETRY.md).
// Prometheus answers /api/v1/query_exemplars, with data once it runs with exemplar storage.
// VictoriaMetrics (1.79, checked with Debian's binary) answers it too, but always with an empty
// list: it stores no exemplars, so "it answered" is not "it has them".
import { ConsoleError } from '../../../shared/api';
import type { SourceCapability } from '../../../shared/contract/sources';
import type { PrometheusClient } from '../prometheus';

export const VM_NO_EXEMPLARS =
  'VictoriaMetrics stores no exemplars (its /api/v1/query_exemplars always answers an empty list): the latency panels show no exemplar dots and no trace opens from a bucket. Read from the managed Prometheus, or a Prometheus run with --enable-feature=exemplar-storage.';

/** Asks once over the last minute; never throws (a failure is the note). */
export async function detectExemplars(
  client: PrometheusClient,
  isVm: boolean,
): Promise<SourceCapability> {
  if (isVm) return { available: false, note: VM_NO_EXEMPLARS };
  const end = Date.now() / 1000;
  try {
    await client.queryExemplars('up', end - 60, end);
    return { available: true, note: '' };
  } catch (err) {
    const why = err instanceof ConsoleError ? err.message.replace(/\.$/, '') : String(err);
    return {
      available: false,
      note: `The source does not answer /api/v1/query_exemplars (${why}): the latency panels show no exemplar dots. A Prometheus run with --enable-feature=exemplar-storage does.`,
    };
  }
}
