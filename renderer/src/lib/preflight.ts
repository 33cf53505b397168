// Preflight helpers: merging re-run checks into the report, and the report as
// Markdown for an issue or a chat.
import type { CheckStatus, PreflightCheck, PreflightReport } from '../../../shared/api';

export const CHECK_STATUSES: readonly CheckStatus[] = ['fail', 'warn', 'ok', 'skipped'];

export function summarize(checks: readonly PreflightCheck[]): Record<CheckStatus, number> {
  const summary: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skipped: 0 };
  for (const c of checks) summary[c.status]++;
  return summary;
}

/** Folds the result of `runPreflight({only})` into the full report: the re-run checks replace
 * their old selves in place; a check the old report lacked is appended. */
export function mergeReport(
  previous: PreflightReport | null,
  partial: PreflightReport,
): PreflightReport {
  if (!previous) return partial;
  const fresh = new Map(partial.checks.map((c) => [c.id, c]));
  const checks = previous.checks.map((c) => fresh.get(c.id) ?? c);
  for (const c of partial.checks) if (!previous.checks.some((p) => p.id === c.id)) checks.push(c);
  return { checks, ranAt: partial.ranAt, summary: summarize(checks) };
}

const STATUS_MARK: Record<CheckStatus, string> = {
  ok: '✅ ok',
  warn: '⚠️ warn',
  fail: '❌ fail',
  skipped: '⏭️ skipped',
};

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').trim() || '—';
}

/** The report as a Markdown table, worst checks first, ready to paste. */
export function preflightToMarkdown(report: PreflightReport): string {
  const order = (s: CheckStatus) => CHECK_STATUSES.indexOf(s);
  const checks = [...report.checks].sort((a, b) => order(a.status) - order(b.status));
  const s = report.summary;
  const lines = [
    '## Peak Watch preflight',
    '',
    `Ran at ${report.ranAt} — **${s.fail} fail**, ${s.warn} warn, ${s.ok} ok, ${s.skipped} skipped`,
    '',
    '| Status | Check | What it saw | Fix |',
    '| --- | --- | --- | --- |',
    ...checks.map(
      (c) =>
        `| ${STATUS_MARK[c.status]} | ${cell(c.title)} (\`${c.id}\`) | ${cell(c.observed)} | ${cell(c.fix)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

export interface FixSegment {
  text: string;
  code: boolean;
}

const COMMAND_START =
  /^(sudo|docker|docker-compose|apt|apt-get|brew|npm|npx|systemctl|kill|lsof|ss|prometheus|promtool|curl|export|set|winget|choco|open|xdg-open)\b/;

/**
 * Splits a fix into prose and commands for display: `backticked` parts are commands, and a fix
 * that is nothing but a command line is one command.
 */
export function splitFixText(fix: string): FixSegment[] {
  const trimmed = fix.trim();
  if (!trimmed) return [];
  if (!trimmed.includes('`') && COMMAND_START.test(trimmed) && !/[.!?]$/.test(trimmed)) {
    return [{ text: trimmed, code: true }];
  }
  const segments: FixSegment[] = [];
  const parts = trimmed.split('`');
  // An odd number of parts means balanced backticks; otherwise show the text as it is.
  if (parts.length % 2 === 0) return [{ text: trimmed, code: false }];
  parts.forEach((text, i) => {
    if (text) segments.push({ text, code: i % 2 === 1 });
  });
  return segments;
}
