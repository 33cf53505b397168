// The peak-watch command line, checked whole before anything runs: which command, its words
// and flags, each refusal a usage error (exit 2) that names what was wrong.
import { resolve } from 'node:path';
import { ConsoleError, requestSchemas, toErrorInfo, type ServiceName } from '../shared/api';
import {
  defaultSettings,
  credentialBoundFix,
  publicSettingsPatchSchema,
  stackSettings,
  type SettingsPatch,
  type StackSettings,
} from '../shared/settings';
import {
  parseSourceCommand,
  SOURCE_FLAGS,
  SOURCE_OPTIONS,
  SOURCE_USAGE,
  type SourceInvocation,
} from './cli-source';
import { REMOTE_WRITE_USAGE } from './cli-remote-write';
import { INSTANCES_USAGE } from './cli-instances';
import {
  parseTelemetryCommand,
  TELEMETRY_FLAGS,
  TELEMETRY_OPTIONS,
  TELEMETRY_USAGE,
  type TelemetryInvocation,
} from './cli-telemetry';
import { parseSettingValue, readSettingKey } from './cli-format';
import { defaultDataDir } from './services/data-dir';
import { readFlags, type FlagValues as Flags } from './cli-flags';

export const USAGE = `usage: peak-watch <command> [options]

  headless [--metrics-port N] [--ui-port M]   run the console as a web page on 127.0.0.1
                                               (ports 0-65535; 0: any free port)
  doctor [--json]                              preflight checks; exit 1 when one fails
  alerts [--json]                              alert rules and states; exit 1 while one fires,
                                               3 when Prometheus cannot be asked
  stack up|down|status [--runtime docker|native]
  stack logs prometheus|grafana [--lines N]    the last N lines (1-5000, default 200)
  stack files --dir D                          write the stack files into D
  settings get [KEY]                           e.g. settings get server.port
  settings set KEY VALUE                       e.g. settings set stack.prometheusPort 9092
${SOURCE_USAGE}
${REMOTE_WRITE_USAGE}
${INSTANCES_USAGE}
${TELEMETRY_USAGE}

  every command: --data-dir D (default ${defaultDataDir()})
  exit 2: a word, flag or data folder was refused before anything ran`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  'metrics-port': { type: 'string' },
  'ui-port': { type: 'string' },
  runtime: { type: 'string' },
  lines: { type: 'string' },
  dir: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...SOURCE_OPTIONS,
  ...TELEMETRY_OPTIONS,
} as const;
type Flag = keyof typeof OPTIONS;

/** A command line, fully checked: running it starts nothing that a later check could refuse. */
export type Invocation =
  | { kind: 'help' }
  | { kind: 'headless'; metricsPort: number | undefined; uiPort: number }
  | { kind: 'doctor'; json: boolean }
  | { kind: 'alerts'; json: boolean }
  | {
      kind: 'stack';
      verb: 'up' | 'down' | 'status';
      runtime: StackSettings['runtime'] | undefined;
    }
  | {
      kind: 'stack logs';
      service: ServiceName;
      lines: number;
      runtime: StackSettings['runtime'] | undefined;
    }
  | { kind: 'stack files'; dir: string; runtime: StackSettings['runtime'] | undefined }
  | { kind: 'settings get'; key: string | undefined }
  | { kind: 'settings set'; key: string; patch: SettingsPatch }
  | SourceInvocation
  | TelemetryInvocation;

type FlagValues = Flags<Flag>;

/** Checks every word and flag before anything runs; throws a usage error (exit 2) naming it. */
export function parseCommandLine(argv: string[]): {
  invocation: Invocation;
  dataDirArg: string | undefined;
} {
  const { positionals, values, given } = readFlags(OPTIONS, argv, usageError);
  const text = textOf(values);
  const dataDirArg = text('data-dir');
  if (dataDirArg !== undefined && dataDirArg.trim() === '') {
    throw usageError('--data-dir is empty; give the folder for settings and the stack');
  }
  if (values.help) return { invocation: { kind: 'help' }, dataDirArg };

  const [command, sub, ...rest] = positionals;
  if (!command) throw usageError('no command given', true);
  const grouped = command === 'stack' || command === 'settings' || command === 'source';
  const name = grouped ? `${command} ${sub ?? ''}` : command;
  const found = COMMANDS[name];
  if (!Object.hasOwn(COMMANDS, name) || !found) {
    throw usageError(`unknown command: ${[command, sub].filter(Boolean).join(' ')}`, true);
  }
  for (const g of given) {
    if (g.flag !== 'data-dir' && g.flag !== 'help' && !found.flags.includes(g.flag)) {
      throw usageError(`${name} does not take ${g.raw}`);
    }
  }
  const words = grouped ? rest : [sub, ...rest];
  const extra = (allowed: number): void => {
    const stray = words.filter((w): w is string => w !== undefined).slice(allowed);
    if (stray.length) throw usageError(`${name} takes no ${stray.map((w) => `"${w}"`).join(' ')}`);
  };
  const runtime = toRuntime(text('runtime'));
  return { invocation: found.parse({ words, values, text, extra, runtime }), dataDirArg };
}

function textOf(values: FlagValues): (flag: Flag) => string | undefined {
  return (flag) => {
    const v = values[flag];
    return typeof v === 'string' ? v : undefined;
  };
}

/** One command's words and flags, for its parse function. */
interface ParseContext {
  /** The words after the command's name. */
  words: (string | undefined)[];
  values: FlagValues;
  text: (flag: Flag) => string | undefined;
  /** Refuses the words past the first `allowed`. */
  extra: (allowed: number) => void;
  runtime: StackSettings['runtime'] | undefined;
}

interface Command {
  /** The flags it takes besides --data-dir and --help. */
  flags: readonly Flag[];
  parse: (c: ParseContext) => Invocation;
}

const stackVerb =
  (verb: 'up' | 'down' | 'status') =>
  (c: ParseContext): Invocation => {
    c.extra(0);
    return { kind: 'stack', verb, runtime: c.runtime };
  };

const withJson =
  (kind: 'doctor' | 'alerts') =>
  (c: ParseContext): Invocation => {
    c.extra(0);
    return { kind, json: c.values.json === true };
  };

const COMMANDS: Record<string, Command> = {
  headless: { flags: ['metrics-port', 'ui-port'], parse: parseHeadless },
  doctor: { flags: ['json'], parse: withJson('doctor') },
  alerts: { flags: ['json'], parse: withJson('alerts') },
  'stack up': { flags: ['runtime'], parse: stackVerb('up') },
  'stack down': { flags: ['runtime'], parse: stackVerb('down') },
  'stack status': { flags: ['runtime'], parse: stackVerb('status') },
  'stack logs': { flags: ['runtime', 'lines'], parse: parseStackLogs },
  'stack files': { flags: ['runtime', 'dir'], parse: parseStackFiles },
  'settings get': { flags: [], parse: parseSettingsGet },
  'settings set': { flags: [], parse: parseSettingsSet },
  'source use': {
    flags: SOURCE_FLAGS['source use'],
    parse: (c) => parseSourceCommand('source use', c.words, c.values, usageError),
  },
  'source status': {
    flags: SOURCE_FLAGS['source status'],
    parse: (c) => parseSourceCommand('source status', c.words, c.values, usageError),
  },
  traces: {
    flags: TELEMETRY_FLAGS.traces,
    parse: (c) => parseTelemetryCommand('traces', c.words, c.values, usageError),
  },
  logs: {
    flags: TELEMETRY_FLAGS.logs,
    parse: (c) => parseTelemetryCommand('logs', c.words, c.values, usageError),
  },
};

function parseHeadless(c: ParseContext): Invocation {
  c.extra(0);
  const metrics = c.text('metrics-port');
  const ui = c.text('ui-port');
  return {
    kind: 'headless',
    metricsPort: metrics === undefined ? undefined : toPort(metrics, '--metrics-port'),
    uiPort: ui === undefined ? 0 : toPort(ui, '--ui-port'),
  };
}

function parseStackLogs(c: ParseContext): Invocation {
  c.extra(1);
  const service = requestSchemas.getStackLogs.shape.service.safeParse(c.words[0]);
  if (!service.success) {
    throw usageError(
      c.words[0] === undefined
        ? 'stack logs needs a service: prometheus or grafana'
        : `stack logs ${c.words[0]}: no such service; the services are prometheus and grafana`,
    );
  }
  return {
    kind: 'stack logs',
    service: service.data,
    lines: toLines(c.text('lines')),
    runtime: c.runtime,
  };
}

function parseStackFiles(c: ParseContext): Invocation {
  c.extra(0);
  const dir = c.text('dir');
  if (dir === undefined || dir.trim() === '') throw usageError('stack files needs --dir D');
  return { kind: 'stack files', dir: resolve(dir), runtime: c.runtime };
}

function parseSettingsGet(c: ParseContext): Invocation {
  c.extra(1);
  const key = c.words[0];
  // Keys are the schema's, the same for every settings file: checked before any is read
  // (readSettingKey throws the unknown-setting error; every known key has a value).
  if (key !== undefined && readSettingKey(defaultSettings(), key) === undefined) {
    throw usageError(`unknown setting: ${key}`);
  }
  return { kind: 'settings get', key };
}

function parseSettingsSet(c: ParseContext): Invocation {
  if (c.words.length !== 2)
    throw usageError('settings set KEY VALUE, e.g. settings set server.port 8001');
  const [key, raw] = c.words as [string, string];
  const [section, field, ...more] = key.split('.');
  if (!section || !field || more.length) {
    throw usageError(`a key is section.field, e.g. server.port`);
  }
  // A text setting takes the word as typed ("127.1" for server.host is not a number).
  const value =
    typeof readSettingKey(defaultSettings(), key) === 'string' ? raw : parseSettingValue(raw);
  const bound = credentialBoundFix(key);
  if (bound) {
    // A command-line mistake like an unknown key (exit 2), with the command that does it.
    throw new ConsoleError({
      code: 'usage',
      message: `${key} is not set on its own: a credential is bound to it.`,
      fix: bound,
    });
  }
  const patch = publicSettingsPatchSchema.safeParse({ [section]: { [field]: value } });
  if (!patch.success) {
    throw new ConsoleError({
      code: 'invalid-settings',
      message: toErrorInfo(patch.error).message,
      fix: `Give ${key} a value as the message says; its value now: peak-watch settings get ${key}`,
    });
  }
  return { kind: 'settings set', key, patch: patch.data };
}

function toPort(raw: string, flag: string): number {
  const n = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 0 && n <= 65535)) {
    throw usageError(`${flag} ${raw} is not a port: give a number from 0 (any free port) to 65535`);
  }
  return n;
}

const LINES = requestSchemas.getStackLogs.shape.lines.unwrap();

/** --lines as the RPC takes it: a whole number within the schema's bounds; 200 when not given. */
function toLines(raw: string | undefined): number {
  if (raw === undefined) return 200;
  const parsed = LINES.safeParse(/^\d+$/.test(raw) ? Number(raw) : NaN);
  if (!parsed.success) {
    throw usageError(
      `--lines ${raw} is not a whole number from ${LINES.minValue} to ${LINES.maxValue}`,
    );
  }
  return parsed.data;
}

function toRuntime(raw: string | undefined): StackSettings['runtime'] | undefined {
  if (raw === undefined) return undefined;
  const parsed = stackSettings.shape.runtime.safeParse(raw);
  if (!parsed.success) {
    throw usageError(
      `--runtime ${raw} is not a runtime: ${stackSettings.shape.runtime.options.join(' or ')}`,
    );
  }
  return parsed.data;
}

export function usageError(message: string, withUsage = false): ConsoleError {
  // With the usage printed, "see --help" would only repeat it.
  return new ConsoleError({
    code: 'usage',
    message: withUsage ? `${message}\n\n${USAGE}` : message,
    ...(withUsage ? {} : { fix: 'peak-watch --help' }),
  });
}
