// A labelled form field with its hint and, when the schema rejects the value, the issue below it.
import { useId } from 'react';

interface Props {
  label: string;
  hint?: React.ReactNode;
  error?: string | undefined;
  testId: string;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string;
    'data-testid': string;
  }) => React.ReactNode;
}

export function Field({ label, hint, error, testId, children }: Props) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({
        id,
        'aria-invalid': !!error,
        'aria-describedby': `${id}-msg`,
        'data-testid': testId,
      })}
      <div id={`${id}-msg`} className="field-message">
        {error ? (
          <span className="field-error" data-testid={`${testId}-error`} role="alert">
            {error}
          </span>
        ) : (
          hint && <span className="field-hint">{hint}</span>
        )}
      </div>
    </div>
  );
}
