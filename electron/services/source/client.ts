// The PrometheusClient every page reads through: the managed stack's Prometheus, or the existing
// source a person named (docs/SOURCES.md), with its auth and TLS.
import { readFileSync } from 'node:fs';
import { isSourceUrl, type Settings, type SourceSettings } from '../../../shared/settings';
import { PrometheusClient, type Credentials, type TlsOptions } from '../prometheus';
import { SecretStore } from '../secrets';
import { managedPrometheus } from '../stack/runtime';

/** An existing source's connection: what settings hold, or what a Test names before saving. */
export interface ExistingSource {
  url: string;
  auth: SourceSettings['auth'];
  user: string;
  caFile: string;
  skipTlsVerify: boolean;
}

/** Where the credential comes from: the stored secret (read per request), or one being tested. */
export type SecretLookup = () => Promise<string>;

/**
 * The CA file's contents; unreadable, a description instead. Read synchronously because a client
 * is made where settings are applied (a sync step); the file is a few KB of PEM.
 */
export function readCa(caFile: string): { ca?: string; problem?: string } {
  if (!caFile) return {};
  try {
    return { ca: readFileSync(caFile, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { problem: `the CA file ${caFile} cannot be read (${code})` };
  }
}

/** A client for an existing source; `secret` is asked on every request (another process may
 * replace it), so a changed password takes effect without a new client. */
export function existingClient(
  source: ExistingSource,
  secret: SecretLookup,
  timeoutMs?: number,
): PrometheusClient {
  const tls: TlsOptions = {
    ...(source.skipTlsVerify ? { rejectUnauthorized: false } : {}),
  };
  const ca = readCa(source.caFile);
  // An unreadable CA file leaves the system's CAs: the request then fails with the certificate
  // error, and preflight / the source status name the file (sourceProblems).
  if (ca.ca !== undefined) tls.ca = ca.ca;
  const auth =
    source.auth === 'none'
      ? null
      : async (): Promise<Credentials | null> => {
          const value = await secret();
          if (!value) return null;
          return source.auth === 'bearer'
            ? { bearer: value }
            : { username: source.user, password: value };
        };
  return new PrometheusClient({
    baseUrl: source.url,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    auth,
    tls,
    peer: { kind: 'existing', auth: source.auth, user: source.user },
  });
}

/** The client for the chosen source of these settings. */
export function sourceClient(
  settings: Settings,
  dataDir: string,
  timeoutMs?: number,
): PrometheusClient {
  const s = settings.source;
  // A settings file is validated on load, so an existing source has a URL; the check keeps a
  // hand-edited file that slipped past from throwing inside new URL().
  if (s.kind !== 'existing' || !isSourceUrl(s.url)) {
    return managedPrometheus({ dataDir, settings }, timeoutMs);
  }
  const secrets = new SecretStore(dataDir);
  return existingClient(s, () => secrets.given('source-credential'), timeoutMs);
}
