// One request, start to end: parse, authorise, refuse what a watch-only server must refuse,
// run the route, answer, record. Everything a handler throws becomes a plain 500; no
// response ever carries a stack trace.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Span } from '@opentelemetry/api';
import type { HttpInstrumentation } from './instrumentation';
import type { RequestTracing } from './tracing';
import {
  BAD_URL,
  INTERNAL_ERROR,
  MISDIRECTED,
  NOT_FOUND,
  UNAUTHORIZED,
  WATCH_ONLY,
  jsonReply,
  type Reply,
} from './replies';
import {
  isApiPath,
  methodLabel,
  percentEncodingValid,
  requestPath,
  UNKNOWN_ROUTE,
  type RouteMatch,
  type RouteTable,
} from './routes';
import type { ServerState } from './state';
import { isLoopbackHost } from '../../../shared/settings';
import { requestAuthority } from '../http-authority';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export function createRequestListener(state: ServerState, table: RouteTable): RequestListener {
  return (req, res) => {
    state.requestsServed += 1;
    // Captured once: a request that began instrumented is recorded into the same instance,
    // even if the flag flips while it runs.
    const instrumentation = state.instrumentation;
    let started = 0;
    if (instrumentation !== null) {
      instrumentation.begin();
      started = performance.now();
    }
    const method = methodLabel(req.method);
    const tracing = state.tracing;
    const span = tracing === null ? null : tracing.begin(method, req.socket.localPort);
    const done: Finish = { instrumentation, tracing, span, method, started };
    let route = UNKNOWN_ROUTE;
    let outcome: Reply | Promise<Reply>;
    try {
      const path = requestPath(req.url);
      if (path === null) {
        outcome = BAD_URL;
      } else {
        const decodable = percentEncodingValid(path);
        const match = decodable ? table.match(path) : null;
        if (match !== null) route = match.route.template;
        outcome =
          refusal(state, req, method, path, match) ?? runRoute(state, match, req.headers.accept);
        // A path that cannot be decoded names no route. The refusals come first (421, 401, and
        // 405 under /api/, where nothing can be mutated whatever the path); what would be
        // "not found" is the client's malformed URL.
        if (!decodable && outcome === NOT_FOUND) outcome = BAD_URL;
      }
    } catch {
      outcome = INTERNAL_ERROR;
    }
    if (outcome instanceof Promise) {
      outcome.then(
        (reply) => answer(res, reply, done, route),
        () => answer(res, INTERNAL_ERROR, done, route),
      );
    } else {
      answer(res, outcome, done, route);
    }
  };
}

/** The host part of a Host header: "127.0.0.1:8000" → 127.0.0.1, "[::1]:8000" → ::1. */
export function hostOfHeader(header: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(header);
  if (bracketed) return bracketed[1] ?? '';
  return header.replace(/:\d*$/, '');
}

/** Answers decided before any handler runs: 421, 401, 405, 404. */
function refusal(
  state: ServerState,
  req: IncomingMessage,
  method: string,
  path: string,
  match: RouteMatch | null,
): Reply | null {
  // DNS rebinding: a page on evil.example that resolves to 127.0.0.1 still sends its own Host
  // (or names itself in an absolute-form target). Prometheus scraping 127.0.0.1:<port> sends
  // that, which passes.
  const authority = requestAuthority(req);
  if (!authority.ok) return jsonReply(authority.status, { error: authority.message });
  if (state.loopbackOnly && authority.authorities.some((a) => !isLoopbackHost(a.host))) {
    return MISDIRECTED;
  }
  const api = isApiPath(path);
  if (state.checkBearer !== null && (api || path === '/metrics')) {
    if (!state.checkBearer(req.headers.authorization)) return UNAUTHORIZED;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    // Under /api/ even an unknown path answers 405: nothing there can ever be mutated.
    return api || match !== null ? WATCH_ONLY : NOT_FOUND;
  }
  return match === null ? NOT_FOUND : null;
}

function runRoute(
  state: ServerState,
  match: RouteMatch | null,
  accept: string | undefined,
): Reply | Promise<Reply> {
  if (match === null) return NOT_FOUND;
  return match.route.handler({ state, params: match.params, accept });
}

/** What recording a request's end needs, captured when it began. */
interface Finish {
  instrumentation: HttpInstrumentation | null;
  tracing: RequestTracing | null;
  span: Span | null;
  method: string;
  started: number;
}

function answer(res: ServerResponse, reply: Reply, done: Finish, route: string): void {
  const { instrumentation, tracing, span, method, started } = done;
  let status = reply.status;
  try {
    res.writeHead(status, reply.headers);
    res.end(reply.body);
  } catch {
    // Headers were malformed or already sent; nothing sane can follow on this socket.
    status = 500;
    res.destroy();
  }
  // The span ends first: its ids become the exemplar of the bucket this request lands in.
  const traced =
    span !== null && tracing !== null
      ? tracing.end(span, method, route, status, route !== UNKNOWN_ROUTE)
      : null;
  if (instrumentation !== null) {
    instrumentation.end(method, route, status, (performance.now() - started) / 1000, traced);
  }
}
