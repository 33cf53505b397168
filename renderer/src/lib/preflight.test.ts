import { describe, expect, it } from 'vitest';
import type { PreflightCheck, PreflightReport } from '../../../shared/api';
import type { PreflightCheckId } from '../../../shared/preflight-ids';
import { mergeReport, preflightToMarkdown, splitFixText, summarize } from './preflight';

const check = (
  id: string,
  status: PreflightCheck['status'],
  extra: Partial<PreflightCheck> = {},
): PreflightCheck => ({
  // Merging and rendering never look an id up, so made-up ids stand for ones the core may add.
  id: id as PreflightCheckId,
  title: id,
  status,
  observed: `${id} observed`,
  fix: status === 'ok' ? '' : `fix ${id}`,
  ...extra,
});

const report = (checks: PreflightCheck[], ranAt = '2026-01-17T12:00:00Z'): PreflightReport => ({
  checks,
  ranAt,
  summary: summarize(checks),
});

describe('mergeReport', () => {
  it('replaces a re-run check in place and recounts the summary', () => {
    const full = report([
      check('docker-cli', 'ok'),
      check('docker-engine', 'fail'),
      check('ports', 'warn'),
    ]);
    const merged = mergeReport(
      full,
      report([check('docker-engine', 'ok')], '2026-01-17T12:01:00Z'),
    );
    expect(merged.checks.map((c) => [c.id, c.status])).toEqual([
      ['docker-cli', 'ok'],
      ['docker-engine', 'ok'],
      ['ports', 'warn'],
    ]);
    expect(merged.summary).toEqual({ ok: 2, warn: 1, fail: 0, skipped: 0 });
    expect(merged.ranAt).toBe('2026-01-17T12:01:00Z');
  });

  it('appends a check the old report did not have, and takes a first report as is', () => {
    const partial = report([check('new', 'fail')]);
    expect(mergeReport(null, partial)).toBe(partial);
    expect(mergeReport(report([check('a', 'ok')]), partial).checks.map((c) => c.id)).toEqual([
      'a',
      'new',
    ]);
  });
});

describe('preflightToMarkdown', () => {
  it('renders a table, failures first, with pipes and newlines escaped', () => {
    const md = preflightToMarkdown(
      report([
        check('docker-cli', 'ok', { title: 'Docker CLI', observed: 'Docker 28.2.2' }),
        check('ports', 'fail', {
          title: 'Ports free',
          observed: 'port 9091 | held by x\nsecond line',
          fix: 'Run `lsof -i :9091`',
        }),
      ]),
    );
    expect(md).toContain('**1 fail**, 0 warn, 1 ok, 0 skipped');
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌') || l.startsWith('| ✅'));
    expect(rows[0]).toBe(
      '| ❌ fail | Ports free (`ports`) | port 9091 \\| held by x<br>second line | Run `lsof -i :9091` |',
    );
    expect(rows[1]).toBe('| ✅ ok | Docker CLI (`docker-cli`) | Docker 28.2.2 | — |');
  });
});

describe('splitFixText', () => {
  it('marks backticked commands', () => {
    expect(splitFixText('Start it: `sudo systemctl start docker`, then re-run.')).toEqual([
      { text: 'Start it: ', code: false },
      { text: 'sudo systemctl start docker', code: true },
      { text: ', then re-run.', code: false },
    ]);
  });
  it('treats a bare command line as a command', () => {
    expect(splitFixText('sudo apt-get install -y docker.io')).toEqual([
      { text: 'sudo apt-get install -y docker.io', code: true },
    ]);
  });
  it('leaves prose and unbalanced backticks as prose', () => {
    expect(splitFixText('Install Docker Desktop.')).toEqual([
      { text: 'Install Docker Desktop.', code: false },
    ]);
    expect(splitFixText('a `b')).toEqual([{ text: 'a `b', code: false }]);
    expect(splitFixText('  ')).toEqual([]);
  });
});
