// peak-watch: the same services as the app, from a shell. Every command takes --data-dir so the
// app, the web host and scripts share one settings file and one stack.
import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConsoleError,
  requestSchemas,
  toErrorInfo,
  type ServiceName,
  type StackStatus,
} from '../shared/api';
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
  readSecretLine,
  runSourceCommand,
  SOURCE_FLAGS,
  SOURCE_OPTIONS,
  SOURCE_USAGE,
  type SourceInvocation,
} from './cli-source';
import { createConsole, type ConsoleCore } from './services/console';
import { defaultDataDir, describeFileError, prepareDataDir } from './services/data-dir';
import { setLockLabel } from './services/file-lock';
import { checkSettingsOnDisk } from './services/settings-checks';
import { SettingsStore } from './services/settings-store';
import { startWebHost } from './web-host/server';
import {
  formatAlertsTable,
  formatPreflightTable,
  parseSettingValue,
  readSettingKey,
} from './cli-format';

const USAGE = `usage: peak-watch <command> [options]

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

  every command: --data-dir D (default ${defaultDataDir()})
  exit 2: a word, flag or data folder was refused before anything ran`;

// The CLI runs built only (out/main/cli.js, or <resources>/app.asar/out/main/cli.js in the
// installed app), so the renderer is the sibling build folder: out/renderer.
const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');

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
} as const;
type Flag = keyof typeof OPTIONS;

/** The flags each command takes besides --data-dir and --help. */
const FLAGS: Record<string, readonly Flag[]> = {
  headless: ['metrics-port', 'ui-port'],
  doctor: ['json'],
  alerts: ['json'],
  'stack up': ['runtime'],
  'stack down': ['runtime'],
  'stack status': ['runtime'],
  'stack logs': ['runtime', 'lines'],
  'stack files': ['runtime', 'dir'],
  'settings get': [],
  'settings set': [],
  ...SOURCE_FLAGS,
};

/** A command line, fully checked: running it starts nothing that a later check could refuse. */
type Invocation =
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
  | SourceInvocation;

async function main(argv: string[]): Promise<number> {
  const { invocation, dataDirArg } = parseCommandLine(argv);
  if (invocation.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  const dataDir = await prepareDataDir(dataDirArg ?? defaultDataDir(), {
    // Reading a setting is the one command a read-only data folder can still answer.
    write: invocation.kind !== 'settings get',
  });
  const command = invocation.kind.split(' ')[0] ?? invocation.kind;
  // How a lock held by this process is named to whoever has to wait for it.
  setLockLabel(command === 'headless' ? 'peak-watch headless' : `peak-watch CLI (${command})`);

  if (invocation.kind === 'settings get' || invocation.kind === 'settings set') {
    return settingsCommand(dataDir, invocation);
  }
  // The secret is read before anything starts: an empty stdin is a bad command line (exit 2).
  const secret =
    invocation.kind === 'source use' && invocation.secretFromStdin
      ? await readSecretLine(invocation.secretFromStdin, (m) => usageError(m))
      : undefined;

  if (invocation.kind === 'headless') {
    const core = await createConsole({
      dataDir,
      env: process.env,
      client: 'headless console',
      ...(invocation.metricsPort !== undefined ? { metricsPort: invocation.metricsPort } : {}),
    });
    // A console page that cannot be served leaves nothing behind: the metrics server is closed
    // again, so the process exits with the error instead of serving /metrics on its own.
    const host = await startWebHost({
      api: core.api,
      rendererDir,
      port: invocation.uiPort,
    }).catch(async (err: unknown) => {
      await core.close();
      throw err;
    });
    const server = core.server().status();
    console.log(`console: ${host.consoleUrl}`);
    console.log(
      `metrics: ${server.listening ? server.url + '/metrics' : `not serving — ${server.error}`}`,
    );
    console.log(`data:    ${dataDir}`);
    for (const w of (await core.api.getSettings()).warnings) console.error(`warning: ${w}`);
    await new Promise<void>((done) => {
      const stop = (): void => void shutdown(core, () => host.close()).then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  }

  const core = await createConsole({
    dataDir,
    env: process.env,
    serve: false,
    client: 'peak-watch CLI',
  });
  try {
    // What the settings file holds that is not used as written (e.g. a foreign server.host).
    for (const w of (await core.api.getSettings()).warnings) console.error(`warning: ${w}`);
    if (invocation.kind === 'doctor') {
      const report = await core.api.runPreflight();
      console.log(invocation.json ? JSON.stringify(report, null, 2) : formatPreflightTable(report));
      return report.summary.fail > 0 ? 1 : 0;
    }
    if (invocation.kind === 'source use' || invocation.kind === 'source status') {
      return await runSourceCommand(core, invocation, secret);
    }
    if (invocation.kind === 'alerts') {
      const view = await core.api.getAlerts();
      console.log(invocation.json ? JSON.stringify(view, null, 2) : formatAlertsTable(view));
      // For scripts: 1 while anything fires; 3 when the states are unknown (not "all clear").
      return view.error !== null ? 3 : view.firing > 0 ? 1 : 0;
    }
    if (invocation.runtime)
      await core.api.updateSettings({ stack: { runtime: invocation.runtime } });
    switch (invocation.kind) {
      case 'stack':
        if (invocation.verb === 'up') {
          core.events.on('stackProgress', (p) =>
            console.log(`${p.service}: ${p.phase} ${p.message}`),
          );
          printStack(await core.api.startStack());
        } else if (invocation.verb === 'down') {
          printStack(await core.api.stopStack());
        } else {
          printStack(await core.api.getStackStatus());
        }
        return 0;
      case 'stack logs': {
        const logs = await core.api.getStackLogs({
          service: invocation.service,
          lines: invocation.lines,
        });
        console.log(logs.lines.join('\n'));
        return 0;
      }
      case 'stack files': {
        const written = await core.stack.writeFiles(invocation.dir);
        written.files.forEach((f) => console.log(join(written.dir, f)));
        return 0;
      }
    }
  } finally {
    await core.close();
  }
}

/** Checks every word and flag before anything runs; throws a usage error (exit 2) naming it. */
function parseCommandLine(argv: string[]): {
  invocation: Invocation;
  dataDirArg: string | undefined;
} {
  // Not strict: unknown flags and missing values come back as tokens, so each gets a sentence
  // of ours (and exit 2) instead of parseArgs's TypeError.
  const { tokens } = parseArgs({
    args: argv,
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const positionals: string[] = [];
  const values: Partial<Record<Flag, string | true>> = {};
  const given: { flag: Flag; raw: string }[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    if (!Object.hasOwn(OPTIONS, t.name)) throw usageError(`unknown option ${t.rawName}`, true);
    const flag = t.name as Flag;
    if (OPTIONS[flag].type === 'boolean') {
      if (t.value !== undefined) throw usageError(`${t.rawName} takes no value`);
      values[flag] = true;
    } else {
      // `--data-dir --json`: the next flag is not a value, the value is missing.
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))) {
        throw usageError(`${t.rawName} needs a value, e.g. ${t.rawName}=…`);
      }
      values[flag] = t.value;
    }
    given.push({ flag, raw: t.rawName });
  }
  const text = (flag: Flag): string | undefined => {
    const v = values[flag];
    return typeof v === 'string' ? v : undefined;
  };
  const dataDirArg = text('data-dir');
  if (dataDirArg !== undefined && dataDirArg.trim() === '') {
    throw usageError('--data-dir is empty; give the folder for settings and the stack');
  }
  if (values.help) return { invocation: { kind: 'help' }, dataDirArg };

  const [command, sub, ...rest] = positionals;
  if (!command) throw usageError('no command given', true);
  const grouped = command === 'stack' || command === 'settings' || command === 'source';
  const name = grouped ? `${command} ${sub ?? ''}` : command;
  const flags = FLAGS[name];
  if (!Object.hasOwn(FLAGS, name) || !flags) {
    throw usageError(`unknown command: ${[command, sub].filter(Boolean).join(' ')}`, true);
  }
  for (const g of given) {
    if (g.flag !== 'data-dir' && g.flag !== 'help' && !flags.includes(g.flag)) {
      throw usageError(`${name} does not take ${g.raw}`);
    }
  }
  const words = grouped ? rest : [sub, ...rest];
  const extra = (allowed: number): void => {
    const stray = words.filter((w): w is string => w !== undefined).slice(allowed);
    if (stray.length) throw usageError(`${name} takes no ${stray.map((w) => `"${w}"`).join(' ')}`);
  };
  const runtime = toRuntime(text('runtime'));

  switch (name) {
    case 'headless': {
      extra(0);
      const metrics = text('metrics-port');
      const ui = text('ui-port');
      return {
        invocation: {
          kind: 'headless',
          metricsPort: metrics === undefined ? undefined : toPort(metrics, '--metrics-port'),
          uiPort: ui === undefined ? 0 : toPort(ui, '--ui-port'),
        },
        dataDirArg,
      };
    }
    case 'doctor':
    case 'alerts':
      extra(0);
      return { invocation: { kind: name, json: values.json === true }, dataDirArg };
    case 'stack up':
    case 'stack down':
    case 'stack status':
      extra(0);
      return {
        invocation: { kind: 'stack', verb: name.slice(6) as 'up' | 'down' | 'status', runtime },
        dataDirArg,
      };
    case 'stack logs': {
      extra(1);
      const service = requestSchemas.getStackLogs.shape.service.safeParse(words[0]);
      if (!service.success) {
        throw usageError(
          words[0] === undefined
            ? 'stack logs needs a service: prometheus or grafana'
            : `stack logs ${words[0]}: no such service; the services are prometheus and grafana`,
        );
      }
      return {
        invocation: {
          kind: 'stack logs',
          service: service.data,
          lines: toLines(text('lines')),
          runtime,
        },
        dataDirArg,
      };
    }
    case 'stack files': {
      extra(0);
      const dir = text('dir');
      if (dir === undefined || dir.trim() === '') throw usageError('stack files needs --dir D');
      return { invocation: { kind: 'stack files', dir: resolve(dir), runtime }, dataDirArg };
    }
    case 'source use':
    case 'source status':
      return { invocation: parseSourceCommand(name, words, values, usageError), dataDirArg };
    case 'settings get':
      extra(1);
      // Keys are the schema's, the same for every settings file: checked before any is read
      // (readSettingKey throws the unknown-setting error; every known key has a value).
      if (words[0] !== undefined && readSettingKey(defaultSettings(), words[0]) === undefined) {
        throw usageError(`unknown setting: ${words[0]}`);
      }
      return { invocation: { kind: 'settings get', key: words[0] }, dataDirArg };
    default: {
      if (words.length !== 2)
        throw usageError('settings set KEY VALUE, e.g. settings set server.port 8001');
      const [key, raw] = words as [string, string];
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
      return { invocation: { kind: 'settings set', key, patch: patch.data }, dataDirArg };
    }
  }
}

async function settingsCommand(
  dataDir: string,
  invocation: Extract<Invocation, { kind: 'settings get' | 'settings set' }>,
): Promise<number> {
  const store = new SettingsStore(dataDir);
  const { warnings } = await store.load();
  warnings.forEach((w) => console.error(`warning: ${w}`));
  if (invocation.kind === 'settings get') {
    // The value as the file holds it, and why another is in use (as every other command says).
    const refused = await checkSettingsOnDisk(store.get());
    if (refused) console.error(`warning: ${refused.warning}`);
    const value = invocation.key ? readSettingKey(store.get(), invocation.key) : store.get();
    console.log(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return 0;
  }
  // The same apply path as the Settings pane, in a core that serves nothing: a running stack
  // gets the change (files rewritten, SIGHUP reload confirmed, or a restart) even with no app.
  const core = await createConsole({ dataDir, serve: false, client: 'peak-watch CLI' });
  try {
    const result = await core.api.updateSettings(invocation.patch);
    console.log(
      `${invocation.key} = ${JSON.stringify(readSettingKey(result.settings, invocation.key))}`,
    );
    for (const line of result.applied) console.log(`applied: ${line}`);
    // What the write itself did to the file (a broken one kept aside), not said at load.
    for (const w of result.warnings.filter((w) => !warnings.includes(w))) {
      console.error(`warning: ${w}`);
    }
  } finally {
    await core.close();
  }
  return 0;
}

function printStack(status: StackStatus): void {
  const project = status.project ? `  project: ${status.project}` : '';
  console.log(
    `runtime: ${status.runtime} (${status.driver ?? 'unavailable'})${project}  files: ${status.filesDir}`,
  );
  if (status.busy)
    console.log(`busy: ${status.busy}${status.busyBy ? ` by ${status.busyBy}` : ''}`);
  for (const s of status.services) {
    const exit = s.exitCode !== null && s.state !== 'running' ? ` exit ${s.exitCode}` : '';
    console.log(
      `  ${s.name.padEnd(11)} ${s.state}${exit}  ${s.url}${s.detail ? `  — ${s.detail}` : ''}`,
    );
  }
  if (status.lastError) console.log(`last error: ${status.lastError}`);
}

async function shutdown(core: ConsoleCore, closeHost: () => Promise<void>): Promise<void> {
  await closeHost();
  await core.close({ stopStack: core.settings().stack.onQuit === 'stop' });
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

/** Refusals before anything ran: a word, a flag or the data folder. */
const EXIT_2 = new Set(['usage', 'data-dir']);

function usageError(message: string, withUsage = false): ConsoleError {
  // With the usage printed, "see --help" would only repeat it.
  return new ConsoleError({
    code: 'usage',
    message: withUsage ? `${message}\n\n${USAGE}` : message,
    ...(withUsage ? {} : { fix: 'peak-watch --help' }),
  });
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    const info = toErrorInfo(describeFileError(err) ?? err);
    console.error(`error: ${info.message}${info.fix ? `\n  fix: ${info.fix}` : ''}`);
    process.exitCode = EXIT_2.has(info.code) ? 2 : 1;
  },
);
