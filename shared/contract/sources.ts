// Where the numbers come from (docs/SOURCES.md) and where the managed Prometheus remote-writes.
import type { ConsoleErrorInfo } from '../errors';

// ---------------------------------------------------------------- sources (docs/SOURCES.md)

export type SourceKind = 'managed' | 'existing';
export type SourceAuthKind = 'none' | 'basic' | 'bearer';

/** An optional API of a source: whether it answered, and if not, what that means for a person. */
export interface SourceCapability {
  available: boolean;
  /** Why not, in a person's words: "VictoriaMetrics serves no rules without vmalert". */
  note: string;
}

export interface SourceStatus {
  kind: SourceKind;
  /** The base URL every query goes to (a path prefix included). */
  url: string;
  /** The source's own web UI where it has one (Prometheus's /graph, VictoriaMetrics' /vmui). */
  uiUrl: string | null;
  /** What the page may see of the credentials: "basic auth as alice", "bearer token", "none". */
  auth: string;
  authKind: SourceAuthKind;
  /** The basic-auth user, never a password or token. */
  user: string;
  caFile: string;
  /** Certificates are not checked: every view of the source shows a warning. */
  skipTlsVerify: boolean;
  /** up; down (unreachable); unauthorized (401); forbidden (403); incompatible (not a Prometheus API). */
  health: 'up' | 'down' | 'unauthorized' | 'forbidden' | 'incompatible' | 'unknown';
  /** Why it is not up, with its fix; never a credential. */
  error: ConsoleErrorInfo | null;
  /** "Prometheus 3.5.0", "VictoriaMetrics v1.x", or null when the source does not say. */
  product: string | null;
  /** Optional APIs, detected once per source (and again after it comes back). */
  capabilities: {
    targets: SourceCapability;
    rules: SourceCapability;
    metadata: SourceCapability;
    buildinfo: SourceCapability;
    /** /api/v1/query_exemplars with stored exemplars (VictoriaMetrics answers, but keeps none). */
    exemplars: SourceCapability;
  };
  /** The watched app's job: what Settings names, what the source carries, and what is used. */
  job: {
    configured: string;
    /** Jobs whose series carry peak_trade_http_requests_total or peak_trade_metrics_fallback. */
    detected: string[];
    effective: string;
    /** "detected from the source", "set in Settings", "none found: …". */
    note: string;
  };
  /** The source's scrape interval in seconds when it says (Prometheus's config), else null. */
  scrapeIntervalSeconds: number | null;
  checkedAt: string | null;
}

/** Switch the source. A secret is never read back: omitted, the current one is kept only when
 * the URL's origin and the user are unchanged (else auth must be given again). */
export type SourceUseRequest =
  | { kind: 'managed' }
  | {
      kind: 'existing';
      url: string;
      auth: SourceAuthKind;
      user?: string;
      /** The basic-auth password or the bearer token; stored in secrets/, never in settings. */
      secret?: string;
      caFile?: string;
      skipTlsVerify?: boolean;
    };

export interface RemoteWriteStatus {
  id: string;
  url: string;
  auth: string;
  /** From the managed Prometheus's prometheus_remote_storage_* metrics; null when unknown. */
  samplesPending: number | null;
  samplesFailedTotal: number | null;
  samplesSentTotal: number | null;
  /** ISO time of the newest sample sent, or null. */
  lastSendAt: string | null;
  health: 'ok' | 'failing' | 'behind' | 'unknown' | 'stack-down';
  /** What is wrong and what to do, when not ok. */
  detail: string | null;
}

export interface RemoteWriteAddRequest {
  url: string;
  auth: SourceAuthKind;
  user?: string;
  secret?: string;
}
