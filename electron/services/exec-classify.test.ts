// How runCommand reports a finished child, every branch without spawning one.
import { describe, expect, it } from 'vitest';
import { classifyExit, type ChildExit } from './exec';

const exit = (over: Partial<ChildExit>): ChildExit => ({
  file: 'docker',
  cwdMissing: false,
  childPath: '/usr/bin:/bin',
  timeoutMs: 60_000,
  spawnError: null,
  ended: null,
  exitCode: 0,
  signal: null,
  ...over,
});

describe('classifyExit', () => {
  it('succeeds only on exit code 0 of a process it neither timed out nor cancelled', () => {
    expect(classifyExit(exit({}))).toEqual({ ok: true });
    expect(classifyExit(exit({ exitCode: 0, ended: 'timeout' })).ok).toBe(false);
    expect(classifyExit(exit({ exitCode: 0, ended: 'aborted' })).ok).toBe(false);
  });

  it('names the exit code of a failed command', () => {
    expect(classifyExit(exit({ exitCode: 3 }))).toEqual({
      ok: false,
      code: 'command-failed',
      what: 'exited with code 3',
      exitCode: 3,
    });
  });

  it('names the signal that ended it, or says a signal when none is known', () => {
    expect(classifyExit(exit({ exitCode: null, signal: 'SIGSEGV' }))).toMatchObject({
      code: 'command-failed',
      what: 'was ended by SIGSEGV',
      exitCode: null,
    });
    expect(classifyExit(exit({ exitCode: null }))).toMatchObject({ what: 'was ended by a signal' });
  });

  it('tells a timeout (with the limit in seconds) from a cancel, keeping the exit code', () => {
    expect(classifyExit(exit({ ended: 'timeout', timeoutMs: 1500, exitCode: null }))).toEqual({
      ok: false,
      code: 'command-timeout',
      what: 'did not finish within 1.5 s and was stopped',
      exitCode: null,
    });
    expect(classifyExit(exit({ ended: 'aborted', exitCode: 143 }))).toEqual({
      ok: false,
      code: 'command-aborted',
      what: 'was cancelled',
      exitCode: 143,
    });
  });

  it('says a missing program is not found, with the PATH it was looked up on', () => {
    const v = classifyExit(
      exit({ spawnError: { code: 'ENOENT', message: 'spawn docker ENOENT' } }),
    );
    expect(v).toEqual({
      ok: false,
      code: 'command-not-found',
      what: 'could not start: docker was not found',
      exitCode: null,
      fix: 'Install docker or put it on PATH (PATH is /usr/bin:/bin).',
    });
    const unset = classifyExit(
      exit({ childPath: undefined, spawnError: { code: 'ENOENT', message: '' } }),
    );
    expect(unset.ok === false && unset.fix).toBe(
      'Install docker or put it on PATH (PATH is unset).',
    );
  });

  it('blames a missing working folder, not the program, for ENOENT', () => {
    const v = classifyExit(
      exit({ cwd: '/gone', cwdMissing: true, spawnError: { code: 'ENOENT', message: '' } }),
    );
    expect(v).toEqual({
      ok: false,
      code: 'command-failed',
      what: 'could not start: folder /gone does not exist',
      exitCode: null,
    });
  });

  it('repeats any other start failure, whatever exit code or timeout follows', () => {
    const v = classifyExit(
      exit({ spawnError: { code: 'EACCES', message: 'spawn docker EACCES' }, ended: 'timeout' }),
    );
    expect(v).toEqual({
      ok: false,
      code: 'command-failed',
      what: 'could not start: spawn docker EACCES',
      exitCode: null,
    });
  });
});
