// Applying a Use: the source written to the settings and its credential kept, replaced or
// removed. A stored secret is kept only while the URL's origin, the user and the kind of auth
// stay, and is removed before the URL changes, so the old secret never goes to a new server.
import { ConsoleError, type SourceUseRequest } from '../../../shared/api';
import { SETTINGS_DEFAULTS, type Settings, type SettingsPatch } from '../../../shared/settings';
import { sourceFix } from '../prometheus';
import type { SecretStore } from '../secrets';
import { existingOf, secretBound } from './request';

/** What saving needs of the service's dependencies. */
export interface SourceSaveDeps {
  secrets: Pick<SecretStore, 'given' | 'set' | 'remove'>;
  settings(): Settings;
  save(patch: SettingsPatch): Promise<unknown>;
}

/** Saves the request's source (the managed one, or an existing one with its secret). */
export async function saveSource(deps: SourceSaveDeps, req: SourceUseRequest): Promise<void> {
  if (req.kind === 'managed') {
    // The defaults are the managed source; the job is the person's choice and stays.
    await deps.save({
      source: { ...SETTINGS_DEFAULTS.source, job: deps.settings().source.job },
    });
    await deps.secrets.remove('source-credential');
  } else {
    const source = await existingOf(req);
    const current = deps.settings().source;
    const keep =
      req.secret === undefined &&
      source.auth !== 'none' &&
      secretBound(current, source) &&
      (await deps.secrets.given('source-credential')) !== '';
    if (source.auth !== 'none' && req.secret === undefined && !keep) {
      const what = source.auth === 'bearer' ? 'token' : 'password';
      const forWhom = source.auth === 'basic' ? ` for ${source.user}` : '';
      throw new ConsoleError({
        code: 'source-secret-needed',
        message:
          current.kind === 'existing' && current.url
            ? `The source at ${source.url} needs its ${what}${forWhom}: a stored one is used only with the URL origin, user and kind of auth it was given for (${current.url}).`
            : `The source at ${source.url} needs its ${what}${forWhom}.`,
        fix: `Give it: ${sourceFix(source.url, { kind: 'existing', auth: source.auth, user: source.user })}.`,
      });
    }
    if (!keep) await deps.secrets.remove('source-credential');
    await deps.save({
      source: {
        kind: 'existing',
        url: source.url,
        auth: source.auth,
        user: source.user,
        caFile: source.caFile,
        skipTlsVerify: source.skipTlsVerify,
      },
    });
    if (req.secret !== undefined && source.auth !== 'none')
      await deps.secrets.set('source-credential', req.secret);
  }
}
