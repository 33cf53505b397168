// What the core reports of itself: the embedded server, the settings as stored, the stack of
// Prometheus + Grafana and the preflight checks. Types only; the core fills them in.
import type { Settings } from '../settings';
import type { PreflightCheckId } from '../preflight-ids';

// ---------------------------------------------------------------- embedded server

export interface ServerStatus {
  /** Whether the embedded server is listening. */
  listening: boolean;
  /** e.g. http://127.0.0.1:8000 — empty when not listening. */
  url: string;
  host: string;
  port: number;
  enabled: boolean;
  strict: boolean;
  /** Whether prom-client could be loaded (false means /metrics serves the fallback or 503). */
  promClientAvailable: boolean;
  promClientVersion: string | null;
  /** Requests served since start (all routes, counted whether or not instrumentation is on). */
  requestsServed: number;
  startedAt: string | null;
  /** Off loopback the server requires a bearer token for /metrics and /api/. */
  requiresToken: boolean;
  /** Why the server is not listening (port taken, bad address), with what to do. */
  error: string | null;
  /** Who holds the server's port when it is taken; null when the server listens or failed for
   * another reason. */
  portHolder: PortHolderInfo | null;
}

/** What answers on the embedded server's taken port (probed once, on loopback, at listen). */
export interface PortHolderInfo {
  /** host:port as Prometheus would scrape it, e.g. 127.0.0.1:8000. */
  target: string;
  /** Its /metrics carries peak_trade_* families: the watched app (or another embedded server). */
  looksLikeApp: boolean;
  /** A free port the server can move to (watchPortHolder's choice); null when not the app. */
  suggestedPort: number | null;
}

// ---------------------------------------------------------------- settings

export interface SettingsView {
  settings: Settings;
  /** Where settings and the stack live. */
  dataDir: string;
  /** e.g. "settings.json was corrupt; moved to settings.json.corrupt-2026…; defaults loaded". */
  warnings: string[];
}

export interface SettingsUpdateResult extends SettingsView {
  /** What the change caused, in the user's words: "server restarted on :8001", "Prometheus reloaded". */
  applied: string[];
}

// ---------------------------------------------------------------- stack

export type StackRuntime = 'docker' | 'native';
export type ServiceName = 'prometheus' | 'grafana';
export type ServiceState =
  'running' | 'starting' | 'restarting' | 'exited' | 'stopped' | 'unavailable' | 'unknown';

export interface ServiceStatus {
  name: ServiceName;
  state: ServiceState;
  exitCode: number | null;
  /** e.g. http://127.0.0.1:9091 */
  url: string;
  /** Why it is not running, when known: "Grafana needs Docker; no grafana binary found". */
  detail: string | null;
}

/** Whether Start can work now, decided in the core so every Start control agrees. */
export interface StackStartGate {
  ok: boolean;
  /** Why not: "Already running", "The Docker engine is not reachable: …", "being started by peak-watch CLI, pid 4242". */
  reason: string | null;
  fix: string | null;
  /** Docker is not usable here but a prometheus binary is: the native runtime would work. */
  nativeAvailable: boolean;
}

export interface StackStatus {
  runtime: StackRuntime;
  /** 'docker compose' | 'docker-compose' | 'prometheus binary' | null when nothing usable. */
  driver: string | null;
  /** The compose project this data folder's stack runs as (docker); null for native. */
  project: string | null;
  services: ServiceStatus[];
  /** Where the generated compose file, prometheus.yml and provisioning live. */
  filesDir: string;
  /** What this or another process (app, CLI) is doing to the stack right now. */
  busy: 'starting' | 'stopping' | null;
  /** Who is doing it when that is another process: "peak-watch CLI, pid 4242". */
  busyBy: string | null;
  canStart: StackStartGate;
  lastError: string | null;
}

export interface StackProgress {
  service: ServiceName;
  phase: 'pulling' | 'creating' | 'starting' | 'started' | 'stopping' | 'stopped' | 'failed';
  message: string;
}

export interface StackLogs {
  service: ServiceName;
  lines: string[];
}

// ---------------------------------------------------------------- preflight

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export interface PreflightCheck {
  id: PreflightCheckId;
  title: string;
  status: CheckStatus;
  /** What the check saw: "Docker 28.2.2", "port 9091 held by prometheus (pid 4242)". */
  observed: string;
  /** How to fix it; empty when ok. */
  fix: string;
}

export interface PreflightReport {
  checks: PreflightCheck[];
  ranAt: string;
  summary: Record<CheckStatus, number>;
}
