// What is wrong with a receiver or an instance typed into Settings, before it is sent: the cards
// (pages/settings/ReceiversCard.tsx, InstancesCard.tsx) show the message under the form and keep
// the Add button off while there is one. Pure, so each message is tested without a page.
import type { SourceAuthKind } from '../../../shared/api';
import {
  isSourceUrl,
  namesEmbeddedServer,
  scrapeTarget,
  type Settings,
} from '../../../shared/settings';

/** Why the typed receiver URL cannot be added (null when it can, or when nothing is typed). */
export function receiverUrlError(typed: string, listed: readonly { url: string }[]): string | null {
  if (typed === '') return null;
  if (!isSourceUrl(typed))
    return 'an http:// or https:// URL without a user, password, query or #fragment';
  if (listed.some((r) => r.url === typed)) return 'this receiver is listed already';
  return null;
}

/** Which credential the chosen authentication still needs (null when none). */
export function receiverAuthMissing(
  auth: SourceAuthKind,
  user: string,
  secret: string,
): string | null {
  if (auth === 'basic' && user.trim() === '') return 'basic auth needs a user';
  if (auth !== 'none' && secret === '')
    return `${auth === 'basic' ? 'the password' : 'the token'} is needed`;
  return null;
}

/** How a receiver's authentication reads in the list (never its secret). */
export function receiverAuthLabel(r: { auth: SourceAuthKind; user?: string }): string {
  if (r.auth === 'basic') return `basic auth as ${r.user}`;
  return r.auth === 'bearer' ? 'bearer token' : 'no authentication';
}

/** The typed instance's target parsed ('' is nothing typed: null). */
export function parseInstanceTarget(typed: string) {
  return typed === '' ? null : scrapeTarget.safeParse(typed);
}

/** Why the typed host:port cannot be watched as another instance (null when it can). */
export function instanceTargetError(settings: Settings, typed: string): string | null {
  const parsed = parseInstanceTarget(typed);
  if (parsed && !parsed.success) return parsed.error.issues[0]?.message ?? 'host:port';
  if (settings.stack.instances.some((i) => i.target === typed)) return `${typed} is already listed`;
  if (namesEmbeddedServer(settings, typed))
    return `${typed} is the embedded server, scraped already`;
  return null;
}

/** Why the typed token file cannot be used ('' is none and fine). */
export function tokenFileError(token: string): string | null {
  return token !== '' && !/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(token)
    ? 'a token file is an absolute path, or empty for none'
    : null;
}
