export type Tone = 'ok' | 'warn' | 'error' | 'info' | 'muted';

interface Props {
  tone: Tone;
  children: React.ReactNode;
  testId?: string;
  title?: string;
}

export function Pill({ tone, children, testId, title }: Props) {
  return (
    <span className={`pill pill-${tone}`} data-testid={testId} title={title}>
      {children}
    </span>
  );
}
