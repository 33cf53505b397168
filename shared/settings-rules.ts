// Which settings a host may change: the desktop-only ones (they choose a program to run), the
// credential-bound ones, token files, and a target that is the embedded server itself.
import type { Settings } from './settings-schema';
import { isLoopbackHost } from './settings-values';

/** Why a setting is not in publicSettingsPatchSchema and what changes it, or null if it is. */
export function credentialBoundFix(key: string): string | null {
  if (key === 'stack.remoteWrite') {
    return 'Receivers change with their credentials: peak-watch remote-write add URL [--user NAME] [--password-stdin | --token-stdin], or remote-write remove URL.';
  }
  if (key.startsWith('source.') && key !== 'source.job') {
    return 'The source changes with its credential: peak-watch source use URL [--user NAME] [--password-stdin | --token-stdin] [--ca-file PATH], or peak-watch source use managed.';
  }
  return null;
}

/**
 * Settings that choose a program to run: a binary the native runtime executes, an image Docker
 * runs. Whoever can change them runs code as the user, so only the desktop window, the CLI and
 * the settings file change them; the web console shows them read-only and its host refuses a
 * patch that names one (electron/web-host/server.ts). Every other setting and ConsoleApi method
 * only reads, starts what these name, or writes inside the data folder.
 */
export const DESKTOP_ONLY_SETTINGS = [
  'stack.prometheusBinary',
  'stack.grafanaBinary',
  'stack.prometheusImage',
  'stack.grafanaImage',
] as const;
export type DesktopOnlySetting = (typeof DESKTOP_ONLY_SETTINGS)[number];

/** Where a desktop-only setting can be changed, as the web console and its host say it. */
export function desktopOnlyFix(key: DesktopOnlySetting): string {
  return `Change it in the desktop window, with "peak-watch settings set ${key} VALUE", or in settings.json in the data folder.`;
}

/** The desktop-only settings a patch names (present at all, whatever the value). */
export function desktopOnlyIn(patch: unknown): DesktopOnlySetting[] {
  if (!patch || typeof patch !== 'object') return [];
  return DESKTOP_ONLY_SETTINGS.filter((key) => {
    const [sectionName, field] = key.split('.') as [string, string];
    const part = (patch as Record<string, unknown>)[sectionName];
    return !!part && typeof part === 'object' && Object.hasOwn(part, field);
  });
}

/**
 * The instances a patch would give a token file they do not have now (a new instance with one, or
 * another file): Prometheus would send that file's content to that host, so only the desktop
 * window, the CLI and settings.json choose it. A token-less instance, or dropping a token, is not
 * refused.
 */
export function instanceTokenFilesIn(current: Settings, patch: unknown): string[] {
  if (!patch || typeof patch !== 'object') return [];
  const stack = (patch as Record<string, unknown>).stack;
  if (!stack || typeof stack !== 'object' || !Object.hasOwn(stack, 'instances')) return [];
  const instances = (stack as Record<string, unknown>).instances;
  if (!Array.isArray(instances)) return [];
  const now = new Map(current.stack.instances.map((i) => [i.target, i.tokenFile]));
  return instances.flatMap((i: unknown) => {
    if (!i || typeof i !== 'object') return [];
    const { target, tokenFile } = i as Record<string, unknown>;
    if (tokenFile === undefined || tokenFile === '') return [];
    // Anything but the very file this target already has, whatever its type (the schema refuses
    // a wrong type later; the refusal here must not depend on it).
    return now.get(String(target)) === tokenFile ? [] : [String(target)];
  });
}

/**
 * Whether host:port names the embedded server itself (scraped already): a second scrape of it in
 * the same job would write every series twice under one instance label.
 */
export function namesEmbeddedServer(settings: Settings, target: string): boolean {
  const i = target.lastIndexOf(':');
  const host = target.slice(0, i);
  if (Number(target.slice(i + 1)) !== settings.server.port) return false;
  const bound = settings.server.host;
  return (
    host === bound ||
    (isLoopbackHost(host) && (isLoopbackHost(bound) || ['0.0.0.0', '::', '[::]'].includes(bound)))
  );
}

/** Where an instance's token file can be chosen, as the web console and its host say it. */
export const INSTANCE_TOKEN_FIX =
  'Add it in the desktop window, with "peak-watch instances add HOST:PORT --token-file PATH", or in settings.json in the data folder.';
