// GET /api/status, /api/traces, /api/traces/:id and /api/logs on the receiver's port: how the
// CLI (another process) reads what the running app keeps in memory. Always behind the instance
// token, on loopback too: an exporter may write here, but only a holder of the data folder's
// secrets/server-token reads (a web page or another user's process has none). The query is
// checked by the same schemas as the console methods.
import { requestSchemas } from '../../../shared/contract/requests';
import { toErrorInfo } from '../../../shared/error-info';
import type { TelemetryStatus } from '../../../shared/contract/telemetry';
import { jsonAnswer, type ReceiverReply } from './replies';
import type { TelemetryMemory } from './store';

export interface ReadApiDeps {
  memory: TelemetryMemory;
  status: () => TelemetryStatus;
}

const TRACE_PATH = /^\/api\/traces\/([^/]+)$/;

export function answerRead(path: string, query: URLSearchParams, deps: ReadApiDeps): ReceiverReply {
  if (path === '/api/status') return jsonAnswer(200, deps.status());
  if (path === '/api/traces') {
    const req = requestSchemas.searchTraces.safeParse(
      defined({
        route: query.get('route') ?? undefined,
        status: query.get('status') ?? undefined,
        minDurationMs: numberParam(query.get('min-ms')),
        start: numberParam(query.get('start')),
        end: numberParam(query.get('end')),
        limit: numberParam(query.get('limit')),
      }),
    );
    if (!req.success) return invalid(req.error);
    return jsonAnswer(200, deps.memory.searchTraces(req.data ?? {}));
  }
  const one = TRACE_PATH.exec(path);
  if (one) {
    const req = requestSchemas.getTrace.safeParse({ traceId: one[1]?.toLowerCase() });
    if (!req.success) return invalid(req.error);
    const trace = deps.memory.getTrace(req.data.traceId);
    if (trace === null) {
      return jsonAnswer(404, {
        error: {
          code: 'trace-not-found',
          message: `No trace ${req.data.traceId} is kept (never received, or dropped under the memory ceiling)`,
          fix: 'List the kept traces: peak-watch traces',
        },
      });
    }
    return jsonAnswer(200, trace);
  }
  if (path === '/api/logs') {
    const req = requestSchemas.searchLogs.safeParse(
      defined({
        traceId: query.get('trace')?.toLowerCase() ?? undefined,
        minSeverity: query.get('level') ?? undefined,
        text: query.get('text') ?? undefined,
        afterSeq: numberParam(query.get('after-seq')),
        limit: numberParam(query.get('limit')),
      }),
    );
    if (!req.success) return invalid(req.error);
    return jsonAnswer(200, deps.memory.searchLogs(req.data ?? {}));
  }
  return jsonAnswer(404, {
    error: { code: 'invalid-request', message: `No such read endpoint: ${path}` },
  });
}

function numberParam(v: string | null): number | undefined {
  // A word that is not a number stays one, so the schema names it instead of NaN passing.
  if (v === null) return undefined;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : (v as unknown as number);
}

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function invalid(err: unknown): ReceiverReply {
  return jsonAnswer(400, { error: { ...toErrorInfo(err), code: 'invalid-request' } });
}
