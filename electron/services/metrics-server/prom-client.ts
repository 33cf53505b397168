// Loading prom-client once, and the /metrics bodies that do not depend on instrumentation.
// The loader is injected so tests (and the preflight) can see what a missing client looks like.
import { createRequire } from 'node:module';
import type { Registry } from 'prom-client';

export type PromClientModule = typeof import('prom-client');
export type PromClientLoader = () => Promise<PromClientModule>;

export interface LoadedPromClient {
  module: PromClientModule;
  version: string | null;
  /** Default Node/process collectors; shared by every server in the process (see below). */
  defaults: Registry;
}

export const defaultPromClientLoader: PromClientLoader = () => import('prom-client');

export const FALLBACK_EXPOSITION =
  '# HELP peak_trade_metrics_fallback 1 when prom-client is unavailable and /metrics fails open.\n' +
  '# TYPE peak_trade_metrics_fallback gauge\n' +
  'peak_trade_metrics_fallback 1\n';

export const STRICT_UNAVAILABLE_BODY = 'prometheus_client required but unavailable';

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

// collectDefaultMetrics starts process-wide observers (GC, event-loop delay) that prom-client
// cannot stop. The console builds a new MetricsServer on every rebind, so one registry per
// loaded module keeps that from piling up; the values are process-wide anyway.
const defaultsByModule = new WeakMap<PromClientModule, Registry>();

function defaultRegistry(mod: PromClientModule): Registry {
  let registry = defaultsByModule.get(mod);
  if (!registry) {
    registry = new mod.Registry();
    mod.collectDefaultMetrics({ register: registry });
    defaultsByModule.set(mod, registry);
  }
  return registry;
}

/** The installed prom-client's version, or null where it cannot be read. */
export function readPromClientVersion(): string | null {
  try {
    const pkg: unknown = createRequire(import.meta.url)('prom-client/package.json');
    const version = (pkg as { version?: unknown } | null)?.version;
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

/** Null when the loader fails: /metrics then fails open, or 503 when strict. */
export async function loadPromClient(loader: PromClientLoader): Promise<LoadedPromClient | null> {
  try {
    const mod = await loader();
    return { module: mod, version: readPromClientVersion(), defaults: defaultRegistry(mod) };
  } catch {
    return null;
  }
}
