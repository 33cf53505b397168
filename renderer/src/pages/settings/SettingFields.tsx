// The Settings form's scalar fields: a text, number or select input bound to one draft field, with
// the schema's issue under it. Every field of the form goes through these, so all behave alike.
import {
  DESKTOP_ONLY_SETTINGS,
  desktopOnlyFix,
  type DesktopOnlySetting,
} from '../../../../shared/settings';
import { runsOnWebHost } from '../../api/console-api';
import type { ScalarField } from '../../lib/settings-form';
import { Field } from './Field';
import { useDraftForm } from './settings-draft';

const testIdOf = (field: ScalarField) => `settings-${field.replace('.', '-')}`;

interface SettingProps {
  field: ScalarField;
  label: string;
  hint?: React.ReactNode;
}

// Fields that choose a program to run are read-only in a browser: the web host refuses them.
const isDesktopOnly = (field: ScalarField): field is DesktopOnlySetting =>
  runsOnWebHost() && (DESKTOP_ONLY_SETTINGS as readonly string[]).includes(field);

export function TextSetting({
  field,
  label,
  hint,
  mono = false,
}: SettingProps & { mono?: boolean }) {
  const { draft, check, setField } = useDraftForm();
  const locked = isDesktopOnly(field);
  return (
    <Field
      label={label}
      hint={
        locked ? (
          <span data-testid={`${testIdOf(field)}-desktop-only`}>
            Read-only here: it chooses a program to run. {desktopOnlyFix(field)}
          </span>
        ) : (
          hint
        )
      }
      error={check.errors[field]}
      testId={testIdOf(field)}
    >
      {(p) => (
        <input
          {...p}
          className={`input${mono ? ' mono' : ''}`}
          value={draft.fields[field]}
          onChange={(e) => setField(field, e.target.value)}
          readOnly={locked}
          spellCheck={false}
        />
      )}
    </Field>
  );
}

export function NumberSetting({ field, label, hint }: SettingProps) {
  const { draft, check, setField } = useDraftForm();
  return (
    <Field label={label} hint={hint} error={check.errors[field]} testId={testIdOf(field)}>
      {(p) => (
        <input
          {...p}
          className="input input-number"
          inputMode="numeric"
          value={draft.fields[field]}
          onChange={(e) => setField(field, e.target.value)}
        />
      )}
    </Field>
  );
}

export function SelectSetting({
  field,
  label,
  hint,
  options,
}: SettingProps & { options: readonly [string, string][] }) {
  const { draft, check, setField } = useDraftForm();
  return (
    <Field label={label} hint={hint} error={check.errors[field]} testId={testIdOf(field)}>
      {(p) => (
        <select
          {...p}
          className="select"
          value={draft.fields[field]}
          onChange={(e) => setField(field, e.target.value)}
        >
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
