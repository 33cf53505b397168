// The foot of the Settings form: why the last save failed, whether there is anything to save,
// and Reset / Save.
import { ErrorNotice } from '../../components/ErrorNotice';
import { useDraftForm } from './settings-draft';

export function FormActions() {
  const { check, hasErrors, saving, saveError, reset } = useDraftForm();
  const { patch } = check;
  return (
    <>
      {saveError && (
        <ErrorNotice
          error={saveError}
          title="The settings were not saved"
          testId="settings-save-error"
        />
      )}
      <div className="form-actions">
        <span className="muted small">
          {hasErrors
            ? 'Fix the marked fields to save.'
            : patch
              ? 'Unsaved changes.'
              : 'No changes.'}
        </span>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={reset}
          disabled={!patch && !saveError}
          data-testid="settings-reset"
        >
          Reset
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!patch || hasErrors || saving}
          data-testid="settings-save"
        >
          {saving && <span className="spinner" aria-hidden="true" />}
          Save changes
        </button>
      </div>
    </>
  );
}
