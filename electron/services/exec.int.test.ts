// Real processes only: sh, sleep, cat and a binary that does not exist.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../shared/api';
import { CommandError, formatCommand, lastLines, runCommand } from './exec';

async function runFailing(...a: Parameters<typeof runCommand>): Promise<CommandError> {
  try {
    await runCommand(...a);
  } catch (e) {
    if (e instanceof CommandError) return e;
    throw e;
  }
  throw new Error('expected the command to fail');
}

describe('runCommand', () => {
  it('returns stdout, stderr and exit code 0 of a command that succeeds', async () => {
    const r = await runCommand('sh', ['-c', 'echo out; echo err >&2']);
    expect(r).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 0 });
  });

  it('passes arguments without a shell, so metacharacters stay literal', async () => {
    const r = await runCommand('printf', ['%s|', '$(echo no)', 'a b', ';rm']);
    expect(r.stdout).toBe('$(echo no)|a b|;rm|');
  });

  it('reports a non-zero exit as command-failed with the exit code and last stderr lines', async () => {
    const e = await runFailing('sh', [
      '-c',
      'for i in 1 2 3 4 5 6 7 8; do echo line$i >&2; done; exit 3',
    ]);
    expect(e).toBeInstanceOf(ConsoleError);
    expect(e.code).toBe('command-failed');
    expect(e.exitCode).toBe(3);
    expect(e.command).toBe(`sh -c 'for i in 1 2 3 4 5 6 7 8; do echo line$i >&2; done; exit 3'`);
    expect(e.stderrTail.split('\n')).toHaveLength(8);
    expect(e.message).toContain('exited with code 3');
    expect(e.message).toContain('line8');
    expect(e.message).not.toContain('line1\n');
    expect(e.message).not.toMatch(/\bat .*exec\.ts/);
    expect(e.toInfo()).toMatchObject({ code: 'command-failed' });
  });

  it('falls back to stdout for the tail when a failing command printed nothing on stderr', async () => {
    const e = await runFailing('sh', ['-c', 'echo only-stdout; exit 1']);
    expect(e.stderrTail).toBe('only-stdout');
    expect(e.stdout).toBe('only-stdout\n');
  });

  it('reports a missing binary as command-not-found with a fix', async () => {
    const e = await runFailing('/nonexistent/peak-watch-no-such-binary', ['--version']);
    expect(e.code).toBe('command-not-found');
    expect(e.exitCode).toBeNull();
    expect(e.message).toContain('peak-watch-no-such-binary');
    expect(e.fix).toMatch(/Install/);
  });

  it('tells a missing working folder apart from a missing binary', async () => {
    const e = await runFailing('sh', ['-c', 'true'], { cwd: '/nonexistent/peak-watch-dir' });
    expect(e.code).toBe('command-failed');
    expect(e.message).toContain('/nonexistent/peak-watch-dir does not exist');
  });

  it('stops a command that outlives its timeout and says so', async () => {
    const started = Date.now();
    const e = await runFailing('sleep', ['30'], { timeoutMs: 200 });
    expect(e.code).toBe('command-timeout');
    expect(e.message).toContain('0.2 s');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('kills with SIGKILL a command that ignores SIGTERM', async () => {
    const started = Date.now();
    const e = await runFailing('sh', ['-c', 'trap "" TERM; echo ready; exec sleep 30'], {
      timeoutMs: 300,
      killGraceMs: 300,
    });
    expect(e.code).toBe('command-timeout');
    expect(e.stdout).toBe('ready\n');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not wait for a grandchild that keeps the output pipes open', async () => {
    const started = Date.now();
    // The background sleep inherits stdout; the parent shell exits at once.
    const r = await runCommand('sh', ['-c', 'sleep 4 & echo parent-done']);
    expect(r.stdout).toContain('parent-done');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('ends a command when its AbortSignal fires', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const e = await runFailing('sleep', ['30'], { signal: ac.signal });
    expect(e.code).toBe('command-aborted');
  });

  it('does not start a command whose signal is already aborted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-exec-'));
    const marker = join(dir, 'ran');
    const e = await runFailing('touch', [marker], { signal: AbortSignal.abort() });
    expect(e.code).toBe('command-aborted');
    await expect(runCommand('test', ['-e', marker])).rejects.toMatchObject({ exitCode: 1 });
  });

  it('writes input to stdin', async () => {
    const r = await runCommand('cat', [], { input: 'hello\nworld' });
    expect(r.stdout).toBe('hello\nworld');
  });

  it('gives a command without input an immediate end of stdin', async () => {
    const r = await runCommand('cat', [], { timeoutMs: 5_000 });
    expect(r.stdout).toBe('');
  });

  it('merges env over the parent environment and removes keys set to undefined', async () => {
    process.env.PW_EXEC_TEST_KEEP = 'kept';
    process.env.PW_EXEC_TEST_DROP = 'dropped';
    try {
      const r = await runCommand(
        'sh',
        ['-c', 'echo "$PW_EXEC_TEST_KEEP,${PW_EXEC_TEST_DROP-unset},$PW_EXEC_TEST_NEW"'],
        { env: { PW_EXEC_TEST_DROP: undefined, PW_EXEC_TEST_NEW: 'new' } },
      );
      expect(r.stdout).toBe('kept,unset,new\n');
    } finally {
      delete process.env.PW_EXEC_TEST_KEEP;
      delete process.env.PW_EXEC_TEST_DROP;
    }
  });

  it('runs in the given working folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-exec-'));
    const r = await runCommand('pwd', [], { cwd: dir });
    expect(r.stdout.trim()).toBe(dir);
  });

  it('reports complete lines as they arrive, whatever the line ending', async () => {
    const out: string[] = [];
    const err: string[] = [];
    await runCommand('sh', ['-c', `printf 'a\\nb\\r\\nc\\rd'; printf 'e1\\n\\ne2' >&2`], {
      onStdoutLine: (l) => out.push(l),
      onStderrLine: (l) => err.push(l),
    });
    expect(out).toEqual(['a', 'b', 'c', 'd']);
    expect(err).toEqual(['e1', 'e2']);
  });

  it('keeps only the tail of an oversized output', async () => {
    const r = await runCommand('sh', ['-c', 'seq 1 100000'], { maxOutputChars: 1000 });
    expect(r.stdout.length).toBeLessThanOrEqual(1000);
    expect(r.stdout.endsWith('99999\n100000\n')).toBe(true);
  });

  it('survives a line listener that throws', async () => {
    const r = await runCommand('sh', ['-c', 'echo x; echo y'], {
      onStdoutLine: () => {
        throw new Error('listener bug');
      },
    });
    expect(r.stdout).toBe('x\ny\n');
  });
});

describe('formatCommand / lastLines', () => {
  it('quotes only what a shell would need quoted', () => {
    expect(formatCommand('docker', ['ps', '--format', '{{json .}}', "it's"])).toBe(
      `docker ps --format '{{json .}}' 'it'\\''s'`,
    );
  });

  it('keeps the last non-empty lines', () => {
    expect(lastLines('a\n\nb\r\nc\n\n', 2)).toBe('b\nc');
  });
});
