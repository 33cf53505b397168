// Text from the host with its `commands` in monospace; a fix that is one whole command becomes a
// selectable command line.
import { splitFixText } from '../lib/preflight';

export function RichText({ text }: { text: string }) {
  const parts = text.split('`');
  // Unbalanced backticks: show the text as it came.
  if (parts.length % 2 === 0) return <>{text}</>;
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

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
