// Route templates and matching. The `route` label is always a template from this table or
// __unknown__, so no request path can add a label value (cardinality-safe).
import { isUtf8 } from 'node:buffer';
import type { Reply } from './replies';
import type { ServerState } from './state';

export const UNKNOWN_ROUTE = '__unknown__';

export interface RouteContext {
  state: ServerState;
  /** Percent-decoded values of the template's `:name` segments. */
  params: Readonly<Record<string, string>>;
  /** The request's Accept header: /metrics picks its exposition format by it. */
  accept?: string | undefined;
}

export type RouteHandler = (ctx: RouteContext) => Reply | Promise<Reply>;

export interface Route {
  template: string;
  handler: RouteHandler;
}

export interface RouteMatch {
  route: Route;
  params: Readonly<Record<string, string>>;
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

interface ParamRoute {
  route: Route;
  segments: readonly string[];
}

export class RouteTable {
  readonly templates: readonly string[];
  // Most requests hit a template without parameters: one Map lookup, nothing allocated.
  private readonly exact = new Map<string, RouteMatch>();
  private readonly withParams: ParamRoute[] = [];

  constructor(routes: readonly Route[]) {
    this.templates = Object.freeze(routes.map((r) => r.template));
    for (const route of routes) {
      if (route.template.includes('/:')) {
        this.withParams.push({ route, segments: route.template.split('/') });
      } else {
        this.exact.set(route.template, Object.freeze({ route, params: NO_PARAMS }));
      }
    }
  }

  /** `path` must already be checked by percentEncodingValid: its parameters are decoded here. */
  match(path: string): RouteMatch | null {
    const hit = this.exact.get(path);
    if (hit !== undefined) return hit;
    if (this.withParams.length === 0) return null;
    const parts = path.split('/');
    for (const { route, segments } of this.withParams) {
      const params = matchSegments(segments, parts);
      if (params !== null) return { route, params };
    }
    return null;
  }
}

function matchSegments(
  segments: readonly string[],
  parts: readonly string[],
): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  let params: Record<string, string> | null = null;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const part = parts[i] as string;
    if (segment.startsWith(':')) {
      if (part === '') return null;
      params ??= {};
      params[segment.slice(1)] = decodeURIComponent(part);
    } else if (segment !== part) {
      return null;
    }
  }
  return params ?? {};
}

/**
 * The request path without query, or null when the target is neither origin-form nor
 * absolute-form (the caller answers 400). Its percent-encoding is checked separately
 * (percentEncodingValid), so a broken escape under /api/ can still be refused as a mutation.
 */
export function requestPath(url: string | undefined): string | null {
  if (url === undefined || url === '') return null;
  let path = url;
  if (url.charCodeAt(0) !== 0x2f) {
    // RFC 9112 §3.2.2: servers accept the absolute-form too.
    const origin = /^https?:\/\/[^/?#]*/i.exec(url);
    if (origin === null) return null;
    path = url.slice(origin[0].length);
    if (path === '' || path.charCodeAt(0) === 0x3f) path = `/${path}`;
    if (path.charCodeAt(0) !== 0x2f) return null;
  }
  const query = path.indexOf('?');
  if (query !== -1) path = path.slice(0, query);
  return path;
}

const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const BROKEN_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * Whether decodeURIComponent would accept `path`: every `%` starts a two-digit hex escape, and
 * each run of escapes spells UTF-8 (no truncated, overlong or surrogate sequence; a multi-byte
 * sequence cannot span an unescaped character). Decided by values, not by catching a throw: a
 * call kept only for the exception it may raise has an unused result, and a bundler treats such
 * a call as dead code and deletes it.
 */
export function percentEncodingValid(path: string): boolean {
  if (!path.includes('%')) return true;
  if (BROKEN_ESCAPE.test(path)) return false;
  for (const run of path.matchAll(ESCAPE_RUN)) {
    if (!isUtf8(Buffer.from(run[0].replaceAll('%', ''), 'hex'))) return false;
  }
  return true;
}

/** Bounded method label: anything unusual is OTHER, so a method cannot explode cardinality. */
export function methodLabel(method: string | undefined): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
    case 'POST':
    case 'PUT':
    case 'PATCH':
    case 'DELETE':
    case 'OPTIONS':
      return method;
    default:
      return 'OTHER';
  }
}

export function isApiPath(path: string): boolean {
  return path.startsWith('/api') && (path.length === 4 || path.charCodeAt(4) === 0x2f);
}
