// Settings → Source (docs/SOURCES.md): the managed stack or an existing Prometheus-compatible API
// with its auth and TLS. Like Grafana's data source page: "Test" checks without switching,
// "Save" switches. The draft and its requests are in source-draft.ts, the fields in
// SourceFields.tsx; this card lays them out with the actions and what the last one answered.
import { useId } from 'react';
import type { SourceStatus } from '../../../../shared/api';
import type { Settings } from '../../../../shared/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SourceSummary } from '../../components/SourceSummary';
import { useSourceStatus, useSourceStore } from '../../stores/source';
import { useSourceDraft, type SourceDraftForm, type SourceOutcome } from './source-draft';
import { AppJobField, ExistingSourceFields, SourceKindChoice } from './SourceFields';

export function SourceCard({ settings }: { settings: Settings }) {
  const saved = settings.source;
  const status = useSourceStatus();
  const form = useSourceDraft(saved);
  const kindId = useId();

  return (
    <section className="card" data-testid="source-card" aria-labelledby={`${kindId}-title`}>
      <header className="card-header">
        <h2 className="card-title" id={`${kindId}-title`}>
          Source
        </h2>
        <span className="muted small">Where every number on every page comes from.</span>
      </header>
      <div className="card-body source-form">
        <SourceKindChoice form={form} name={kindId} />
        {form.draft.kind === 'existing' && <ExistingSourceFields form={form} />}
        <AppJobField form={form} saved={saved} status={status} />
        <SourceActions form={form} />
        <SourceOutcomeView outcome={form.outcome} status={status} />
      </div>
    </section>
  );
}

function SourceActions({ form }: { form: SourceDraftForm }) {
  const pending = useSourceStore((s) => s.pending);
  const { invalid, changed } = form;
  return (
    <div className="form-actions">
      <span className="muted small">
        {invalid ? 'Fix the marked fields.' : changed ? 'Unsaved changes.' : 'No changes.'}
      </span>
      <button
        type="button"
        className="btn"
        onClick={() => void form.runTest()}
        disabled={invalid || pending !== null}
        data-testid="source-test"
      >
        {pending === 'testing' && <span className="spinner" aria-hidden="true" />}
        Test
      </button>
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => void form.save()}
        disabled={invalid || pending !== null || !changed}
        data-testid="source-save"
      >
        {pending === 'saving' && <span className="spinner" aria-hidden="true" />}
        Save
      </button>
    </div>
  );
}

/** The last Test or Save's answer; with none since the last edit, the source in use. */
function SourceOutcomeView({
  outcome,
  status,
}: {
  outcome: SourceOutcome | null;
  status: SourceStatus | null;
}) {
  return (
    <div aria-live="polite" data-testid="source-outcome">
      {outcome && 'error' in outcome && (
        <ErrorNotice
          error={outcome.error}
          title={outcome.what === 'test' ? 'The test did not run' : 'The source was not saved'}
          testId="source-outcome-error"
        />
      )}
      {outcome && 'status' in outcome && (
        <>
          <div className="small strong" data-testid="source-outcome-title">
            {outcome.what === 'test'
              ? `Test: the source is ${outcome.status.health === 'up' ? 'up' : 'not usable'}`
              : 'Saved: every page now reads this source'}
          </div>
          <SourceSummary status={outcome.status} testId="source-result" />
        </>
      )}
      {!outcome && status && (
        <>
          <div className="small strong">In use now</div>
          <SourceSummary status={status} testId="source-current" />
        </>
      )}
    </div>
  );
}
