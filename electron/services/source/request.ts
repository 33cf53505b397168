// A Test or Use request for an existing source, checked before anything is probed or saved: a
// basic user given, a CA file readable, and whether the stored secret may go with it (a secret
// is bound to the server it was given for, docs/SOURCES.md).
import { access, constants } from 'node:fs/promises';
import { ConsoleError, type SourceUseRequest } from '../../../shared/api';
import type { SourceSettings } from '../../../shared/settings';
import type { ExistingSource } from './client';

/** A URL's origin; null for one that does not parse or has no origin (a `file:` URL's is "null"). */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** Whether a stored secret may go with this request: same origin, same user, same kind of auth
 * (a secret is bound to the server it was given for, docs/SOURCES.md); never when the origin
 * is unknown, since two unparsable URLs are not the same server. */
export function secretBound(
  current: SourceSettings,
  next: { url: string; auth: SourceSettings['auth']; user: string },
): boolean {
  const origin = originOf(current.url);
  return (
    current.kind === 'existing' &&
    current.auth === next.auth &&
    origin !== null &&
    origin === originOf(next.url) &&
    current.user === next.user
  );
}

/** A request's existing source, checked: a basic user is required, a CA file must be readable. */
export async function existingOf(
  req: Extract<SourceUseRequest, { kind: 'existing' }>,
): Promise<ExistingSource> {
  const user = req.auth === 'basic' ? (req.user ?? '').trim() : '';
  if (req.auth === 'basic' && !user) {
    throw new ConsoleError({
      code: 'invalid-request',
      message: 'Basic auth needs a user name.',
      fix: `Give it: peak-watch source use ${req.url} --user NAME --password-stdin, or fill in User in Settings → Source.`,
    });
  }
  const caFile = req.caFile ?? '';
  if (caFile) {
    try {
      await access(caFile, constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConsoleError({
        code: 'source-ca-unreadable',
        message: `The CA file ${caFile} cannot be read (${code}).`,
        fix: 'Give the path of a readable PEM file with the CA that signed the source’s certificate, or leave it empty for the system’s CAs.',
      });
    }
  }
  return {
    url: req.url.replace(/\/+$/, ''),
    auth: req.auth,
    user,
    caFile,
    skipTlsVerify: req.skipTlsVerify ?? false,
  };
}
