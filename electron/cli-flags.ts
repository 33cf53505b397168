// The one reader of a command line's flags, for every command of the CLI: each flag known, a
// value where it takes one and none elsewhere, each refusal a sentence of ours (exit 2) instead
// of parseArgs's TypeError.
import { parseArgs } from 'node:util';
import type { ConsoleError } from '../shared/api';

export type FlagOptions = Readonly<
  Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>
>;

export type FlagValues<F extends string> = Partial<Record<F, string | true>>;

/**
 * Makes the error of a refused flag. `unknownOption` is true for a flag the command line's
 * options do not name, where a caller may print its whole usage.
 */
export type FlagUsage = (message: string, unknownOption: boolean) => ConsoleError;

/** A command's own wording for two refusals, where its usage has always said it so. */
export interface FlagRules {
  /** The sentence for a flag the options do not name (default `unknown option --x`). */
  unknown?: (rawName: string) => string;
  /** Refuses a value of only blanks: `--x is empty`. */
  refuseEmpty?: boolean;
}

export interface ReadFlags<F extends string> {
  positionals: string[];
  values: FlagValues<F>;
  /** The flags in the order typed, as their options name them and as typed. */
  given: { flag: F; raw: string }[];
}

/** The words and flags as typed: each flag known, a value where it takes one and none elsewhere. */
export function readFlags<O extends FlagOptions>(
  options: O,
  argv: string[],
  usage: FlagUsage,
  rules: FlagRules = {},
): ReadFlags<keyof O & string> {
  type Flag = keyof O & string;
  const positionals: string[] = [];
  const values: FlagValues<Flag> = {};
  const given: { flag: Flag; raw: string }[] = [];
  for (const t of tokensOf(options, argv)) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    if (!Object.hasOwn(options, t.name)) {
      throw usage(rules.unknown?.(t.rawName) ?? `unknown option ${t.rawName}`, true);
    }
    const flag = t.name as Flag;
    if (options[flag]?.type === 'boolean') {
      if (t.value !== undefined) throw usage(`${t.rawName} takes no value`, false);
      values[flag] = true;
    } else {
      // `--data-dir --json`: the next flag is not a value, the value is missing.
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))) {
        throw usage(`${t.rawName} needs a value, e.g. ${t.rawName}=…`, false);
      }
      if (rules.refuseEmpty && t.value.trim() === '') throw usage(`${t.rawName} is empty`, false);
      values[flag] = t.value;
    }
    given.push({ flag, raw: t.rawName });
  }
  return { positionals, values, given };
}

/** The words of a command line, whatever its flags: for telling which command it is. */
export function positionalsOf(options: FlagOptions, argv: string[]): string[] {
  return tokensOf(options, argv).flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
}

/** The flags of a command line as their options name them, refusing nothing: for `--help`. */
export function flagNamesOf(options: FlagOptions, argv: string[]): string[] {
  return tokensOf(options, argv).flatMap((t) => (t.kind === 'option' ? [t.name] : []));
}

function tokensOf(options: FlagOptions, argv: string[]) {
  // Not strict: unknown flags and missing values come back as tokens, so each gets a sentence.
  return parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true })
    .tokens;
}
