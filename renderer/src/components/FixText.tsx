// A fix with its commands in monospace (and copyable when the fix is one whole command).
import { splitFixText } from '../lib/preflight';

export function FixText({ fix }: { fix: string }) {
  const segments = splitFixText(fix);
  const only = segments.length === 1 ? segments[0] : undefined;
  if (only?.code) return <code className="command">{only.text}</code>;
  return (
    <span>
      {segments.map((s, i) =>
        s.code ? <code key={i}>{s.text}</code> : <span key={i}>{s.text}</span>,
      )}
    </span>
  );
}
