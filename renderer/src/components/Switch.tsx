// An on/off switch that is a real button with role=switch, so keyboards and tests can use it.
interface Props {
  checked: boolean;
  onChange: (next: boolean) => void;
  label: string;
  testId: string;
  disabled?: boolean;
  busy?: boolean;
}

export function Switch({ checked, onChange, label, testId, disabled, busy }: Props) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      aria-busy={busy || undefined}
      data-testid={testId}
      disabled={disabled}
      className={`switch${checked ? ' switch-on' : ''}${busy ? ' switch-busy' : ''}`}
      onClick={() => onChange(!checked)}
    >
      <span className="switch-thumb" />
    </button>
  );
}
