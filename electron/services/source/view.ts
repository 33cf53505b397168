// A source as the service tells one from another: the connection a page may see (never its
// secret), and the key the detection cache keeps per source. Managed or existing, both read the
// same way from the settings.
import { MANAGED_PROMETHEUS_USER, type SourceStatus } from '../../../shared/api';
import type { Settings } from '../../../shared/settings';
import { prometheusUrl } from '../stack/runtime';

/** What the page may see of a source's connection. */
export interface SourceView {
  kind: SourceStatus['kind'];
  url: string;
  authKind: SourceStatus['authKind'];
  user: string;
  caFile: string;
  skipTlsVerify: boolean;
}

export function viewOf(settings: Settings): SourceView {
  const s = settings.source;
  if (s.kind === 'existing') {
    return {
      kind: 'existing',
      url: s.url.replace(/\/+$/, ''),
      authKind: s.auth,
      user: s.auth === 'basic' ? s.user : '',
      caFile: s.caFile,
      skipTlsVerify: s.skipTlsVerify,
    };
  }
  return {
    kind: 'managed',
    url: prometheusUrl(settings),
    authKind: 'basic',
    user: MANAGED_PROMETHEUS_USER,
    caFile: '',
    skipTlsVerify: false,
  };
}

/** One source, as the detection cache knows it: a different one is detected afresh. */
export const keyOf = (v: SourceView): string => JSON.stringify(v);
