// Settings → Source's state: the edits over the saved source, checked by the host schema's rules
// before a request is sent, and the Test / Save / "use job" requests with their outcome. Save
// switches the source through useSource (with its credential) and saves the job, the one source
// field a plain settings patch changes, through updateSettings.
import { useState } from 'react';
import type {
  ConsoleErrorInfo,
  SourceAuthKind,
  SourceStatus,
  SourceUseRequest,
} from '../../../../shared/api';
import { isAbsolutePath, isSourceUrl, type Settings } from '../../../../shared/settings';
import { useSettingsStore } from '../../stores/settings';
import { useSourceStore } from '../../stores/source';
import { toast } from '../../stores/toasts';

export interface SourceDraft {
  kind: 'managed' | 'existing';
  url: string;
  auth: SourceAuthKind;
  user: string;
  secret: string;
  caFile: string;
  skipTlsVerify: boolean;
  job: string;
}

export type SourceDraftErrors = Partial<Record<'url' | 'user' | 'caFile', string>>;

export type SourceOutcome =
  | { what: 'test' | 'save'; status: SourceStatus }
  | { what: 'test' | 'save'; error: ConsoleErrorInfo };

function draftOf(s: Settings['source']): SourceDraft {
  return {
    kind: s.kind,
    url: s.url,
    auth: s.auth,
    user: s.user,
    secret: '',
    caFile: s.caFile,
    skipTlsVerify: s.skipTlsVerify,
    job: s.job,
  };
}

/** The same rules as the host's schema, shown under the field before a request is sent. */
function checkDraft(d: SourceDraft): SourceDraftErrors {
  const errors: SourceDraftErrors = {};
  if (d.kind !== 'existing') return errors;
  if (!d.url.trim()) errors.url = 'An existing source needs its URL, e.g. http://127.0.0.1:9090.';
  else if (!isSourceUrl(d.url.trim()))
    errors.url =
      'An http:// or https:// URL without user, password, query or #fragment (auth goes below).';
  if (d.auth === 'basic' && !d.user.trim()) errors.user = 'Basic auth needs a user name.';
  if (d.caFile.trim() && !isAbsolutePath(d.caFile.trim()))
    errors.caFile = 'An absolute path to a PEM file, or empty for the system’s CAs.';
  return errors;
}

function requestOf(d: SourceDraft): SourceUseRequest {
  if (d.kind === 'managed') return { kind: 'managed' };
  return {
    kind: 'existing',
    url: d.url.trim(),
    auth: d.auth,
    ...(d.auth === 'basic' ? { user: d.user.trim() } : {}),
    ...(d.auth !== 'none' && d.secret ? { secret: d.secret } : {}),
    caFile: d.caFile.trim(),
    skipTlsVerify: d.skipTlsVerify,
  };
}

/** The host keeps a credential only for the same origin and user; say "stored" only then. */
function secretIsStored(draft: SourceDraft, saved: Settings['source']): boolean {
  let sameOrigin = false;
  try {
    sameOrigin = new URL(draft.url.trim()).origin === new URL(saved.url).origin;
  } catch {
    sameOrigin = false;
  }
  return (
    saved.kind === 'existing' &&
    saved.auth !== 'none' &&
    draft.auth === saved.auth &&
    sameOrigin &&
    (draft.auth !== 'basic' || draft.user.trim() === saved.user)
  );
}

export interface SourceDraftForm {
  draft: SourceDraft;
  errors: SourceDraftErrors;
  invalid: boolean;
  secretStored: boolean;
  /** Whether Save has anything to send: the source, a new credential, or the job. */
  changed: boolean;
  jobChanged: boolean;
  outcome: SourceOutcome | null;
  set: <K extends keyof SourceDraft>(key: K, value: SourceDraft[K]) => void;
  runTest: () => Promise<void>;
  save: () => Promise<void>;
  saveJob: (job: string) => Promise<void>;
}

export function useSourceDraft(saved: Settings['source']): SourceDraftForm {
  const { test, use: switchTo } = useSourceStore.getState();
  const updateSettings = useSettingsStore((s) => s.update);
  const [edit, setEdit] = useState<Partial<SourceDraft>>({});
  const [outcome, setOutcome] = useState<SourceOutcome | null>(null);

  const draft: SourceDraft = { ...draftOf(saved), ...edit };
  const errors = checkDraft(draft);
  const invalid = Object.keys(errors).length > 0;
  const sourceChanged =
    JSON.stringify(requestOf(draft)) !== JSON.stringify(requestOf(draftOf(saved)));
  const jobChanged = draft.job.trim() !== saved.job;

  async function runTest(): Promise<void> {
    if (invalid) return;
    const r = await test(requestOf(draft));
    setOutcome(r.ok ? { what: 'test', status: r.status } : { what: 'test', error: r.error });
  }

  async function save(): Promise<void> {
    if (invalid) return;
    let status: SourceStatus | null = null;
    if (sourceChanged || draft.secret) {
      const r = await switchTo(requestOf(draft));
      if (!r.ok) {
        setOutcome({ what: 'save', error: r.error });
        return;
      }
      status = r.status;
    }
    if (jobChanged) {
      const r = await updateSettings({ source: { job: draft.job.trim() } });
      if (!r.ok) {
        setOutcome({ what: 'save', error: r.error });
        return;
      }
    }
    setEdit({});
    if (status) setOutcome({ what: 'save', status });
    toast(
      'ok',
      'Source saved',
      status ? `${status.url || 'managed'}: ${status.health}` : undefined,
    );
  }

  async function saveJob(job: string): Promise<void> {
    const r = await updateSettings({ source: { job } });
    if (!r.ok) {
      setOutcome({ what: 'save', error: r.error });
      return;
    }
    toast('ok', 'App job saved', `${job}: the Grafana dashboard and alert rules follow`);
  }

  return {
    draft,
    errors,
    invalid,
    secretStored: secretIsStored(draft, saved),
    changed: sourceChanged || jobChanged || !!draft.secret,
    jobChanged,
    outcome,
    set: (key, value) => {
      setEdit((e) => ({ ...e, [key]: value }));
      setOutcome(null);
    },
    runTest,
    save,
    saveJob,
  };
}
