// Reloading Prometheus without its lifecycle API (which any web page could POST to): the runtime
// sends SIGHUP, and this confirms it took. Prometheus answers a signal with nothing, so success is
// read from its own metrics (prometheus_config_last_reload_successful = 1 and the success
// timestamp advancing) and from /api/v1/status/config matching the file written. A failed or
// silent reload is an error carrying Prometheus's own message from its log.
import { ConsoleError } from '../../../shared/api';
import type { PrometheusClient } from '../prometheus';

export interface ReloadDeps {
  client: Pick<PrometheusClient, 'reloadState' | 'loadedConfig'>;
  /** SIGHUP to the native process, or `docker kill --signal=HUP` to the container. */
  sendHup: () => Promise<void>;
  /** The config text Prometheus should now be running. */
  expected: string;
  /** Recent log lines, where Prometheus explains a failed reload. */
  logs: () => Promise<string[]>;
  timeoutMs?: number;
}

const FIX =
  'Check the generated prometheus.yml (promtool check config), or stop and start the stack.';

export async function reloadAndConfirm(d: ReloadDeps): Promise<void> {
  const before = await d.client.reloadState();
  // The timestamp has sub-second precision, but a clock step could still make it equal: wait
  // until "now" is past it so an advance is unambiguous.
  while (Date.now() / 1000 <= before.lastSuccess) await sleep(20);
  // The log as it was: an error already in it is the last reload's, not this one's.
  const seen = new Set(await d.logs().catch(() => []));
  const fresh = async (): Promise<string | null> =>
    reloadErrorFrom((await d.logs().catch(() => [])).filter((l) => !seen.has(l)));
  await d.sendHup();
  const deadline = Date.now() + (d.timeoutMs ?? 10_000);
  for (;;) {
    const now = await d.client.reloadState().catch(() => null);
    if (now && now.lastSuccess > before.lastSuccess && now.successful) break;
    // A failure sets successful to 0; when it was 0 already (the last reload failed too) only
    // a new error line tells this reload failed rather than not having run yet.
    const err = now && !now.successful ? await fresh() : null;
    if (now && !now.successful && (before.successful || err !== null)) {
      throw new ConsoleError({
        code: 'prometheus-reload-failed',
        message: `Prometheus rejected the new config: ${err ?? (await reloadError(d))}`,
        fix: FIX,
      });
    }
    if (Date.now() >= deadline) {
      throw new ConsoleError({
        code: 'prometheus-reload-silent',
        message: `Prometheus did not report a config reload within ${(d.timeoutMs ?? 10_000) / 1000} s of SIGHUP${await lastErrorSuffix(d)}.`,
        fix: FIX,
      });
    }
    await sleep(100);
  }
  const loaded = await d.client.loadedConfig();
  const missing = configDifferences(d.expected, loaded);
  if (missing.length) {
    throw new ConsoleError({
      code: 'prometheus-config-mismatch',
      message: `Prometheus reloaded, but its config is not the file written (missing: ${missing.join(', ')}).`,
      fix: 'Another config file may be mounted: stop and start the stack.',
    });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `err="…"` of Prometheus's last "Error reloading/loading config" log line (logfmt). */
export function reloadErrorFrom(lines: readonly string[]): string | null {
  for (const line of [...lines].reverse()) {
    if (!/Error (re)?loading config/i.test(line)) continue;
    const m = /\berr="((?:[^"\\]|\\.)*)"/.exec(line);
    return m?.[1] ? m[1].replace(/\\(.)/g, '$1') : line;
  }
  return null;
}

async function reloadError(d: ReloadDeps): Promise<string> {
  return reloadErrorFrom(await d.logs().catch(() => [])) ?? 'see the Prometheus log';
}

async function lastErrorSuffix(d: ReloadDeps): Promise<string> {
  const err = reloadErrorFrom(await d.logs().catch(() => []));
  return err ? `; its last config error: ${err}` : '';
}

/** Prometheus prints durations the Go way: 60s is "1m", 90s "1m30s", 3600s "1h". */
export function promDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const units: [string, number][] = [
    ['y', 365 * 86400],
    ['w', 7 * 86400],
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = seconds;
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/**
 * What of the written config (the generated prometheus.yml: global intervals, job names,
 * targets, credentials file) is absent from what Prometheus reports it loaded.
 */
export function configDifferences(written: string, loaded: string): string[] {
  const missing: string[] = [];
  const interval = /^\s{2}scrape_interval: (\d+)s$/m.exec(written)?.[1];
  if (interval !== undefined) {
    const want = `scrape_interval: ${promDuration(Number(interval))}`;
    const global = loaded.split(/^scrape_configs:/m)[0] ?? '';
    if (!global.includes(want)) missing.push(want);
  }
  for (const m of written.matchAll(/job_name: "([^"]+)"/g)) {
    if (!new RegExp(`job_name: "?${escape(m[1] ?? '')}"?$`, 'm').test(loaded))
      missing.push(`job ${m[1]}`);
  }
  for (const m of written.matchAll(/targets: \[(.*)\]/g)) {
    for (const t of JSON.parse(`[${m[1] ?? ''}]`) as string[]) {
      if (!loaded.includes(t)) missing.push(`target ${t}`);
    }
  }
  const creds = /credentials_file: "([^"]+)"/.exec(written)?.[1];
  if (creds && !loaded.includes('credentials_file:')) missing.push('credentials_file');
  return missing;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
