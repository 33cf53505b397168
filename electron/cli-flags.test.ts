import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../shared/api';
import { flagNamesOf, positionalsOf, readFlags, type FlagUsage } from './cli-flags';

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Records how each refusal was made, so a test sees the message and the usage flag. */
const usage: FlagUsage = (message, unknownOption) =>
  new ConsoleError({ code: 'usage', message: `${unknownOption ? 'U' : '-'} ${message}` });

function refusal(argv: string[]): string {
  try {
    readFlags(OPTIONS, argv, usage);
  } catch (err) {
    if (err instanceof ConsoleError) return err.message;
    throw err;
  }
  throw new Error(`not refused: ${argv.join(' ')}`);
}

describe('readFlags', () => {
  it('returns the words, the values and the flags in the order typed', () => {
    const read = readFlags(OPTIONS, ['stack', '--json', 'up', '--data-dir=/d'], usage);
    expect(read.positionals).toEqual(['stack', 'up']);
    expect(read.values).toEqual({ json: true, 'data-dir': '/d' });
    expect(read.given).toEqual([
      { flag: 'json', raw: '--json' },
      { flag: 'data-dir', raw: '--data-dir' },
    ]);
  });

  it('refuses an unknown flag as unknown, so a caller may print its usage', () => {
    expect(refusal(['stack', '--bogus'])).toBe('U unknown option --bogus');
  });

  it('refuses a value on a boolean flag and a string flag without one', () => {
    expect(refusal(['--json=yes'])).toBe('- --json takes no value');
    expect(refusal(['--data-dir'])).toBe('- --data-dir needs a value, e.g. --data-dir=…');
  });

  it('does not take the next flag for a missing value', () => {
    expect(refusal(['--data-dir', '--json'])).toBe('- --data-dir needs a value, e.g. --data-dir=…');
    expect(readFlags(OPTIONS, ['--data-dir=--json'], usage).values['data-dir']).toBe('--json');
  });
});

describe('readFlags with a command’s own rules', () => {
  const rules = { unknown: (raw: string) => `list does not take ${raw}`, refuseEmpty: true };
  const refused = (argv: string[]): string => {
    try {
      readFlags(OPTIONS, argv, usage, rules);
    } catch (err) {
      if (err instanceof ConsoleError) return err.message;
      throw err;
    }
    throw new Error(`not refused: ${argv.join(' ')}`);
  };

  it('words an unknown flag as the command says it, still as unknown', () => {
    expect(refused(['--bogus'])).toBe('U list does not take --bogus');
  });

  it('refuses a blank value, in the order the flags were typed', () => {
    expect(refused(['--data-dir=  '])).toBe('- --data-dir is empty');
    expect(refused(['--data-dir=', '--bogus'])).toBe('- --data-dir is empty');
    expect(refused(['--bogus', '--data-dir='])).toBe('U list does not take --bogus');
  });

  it('keeps a blank value without the rule', () => {
    expect(readFlags(OPTIONS, ['--data-dir='], usage).values['data-dir']).toBe('');
  });
});

describe('flagNamesOf', () => {
  it('names the flags as their options do, short ones too, refusing nothing', () => {
    expect(flagNamesOf(OPTIONS, ['-h', 'x', '--bogus=1', '--json'])).toEqual([
      'help',
      'bogus',
      'json',
    ]);
  });
});

describe('positionalsOf', () => {
  it('names the words whatever the flags, refusing nothing', () => {
    expect(positionalsOf(OPTIONS, ['remote-write', '--bogus', 'list', '--json=1'])).toEqual([
      'remote-write',
      'list',
    ]);
  });
});
