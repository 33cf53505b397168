// peak-watch: the same services as the app, from a shell. Every command takes --data-dir so the
// app, the web host and scripts share one settings file and one stack.
import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConsoleError, toErrorInfo, type StackStatus } from '../shared/api';
import { settingsPatchSchema } from '../shared/settings';
import { createConsole, type ConsoleCore } from './services/console';
import { defaultDataDir } from './services/data-dir';
import { setLockLabel } from './services/file-lock';
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
  doctor [--json]                              preflight checks; exit 1 when one fails
  alerts [--json]                              alert rules and states; exit 1 while one fires,
                                               3 when Prometheus cannot be asked
  stack up|down|status [--runtime docker|native]
  stack logs prometheus|grafana [--lines N]
  stack files --dir D                          write the stack files into D
  settings get [KEY]                           e.g. settings get server.port
  settings set KEY VALUE                       e.g. settings set stack.prometheusPort 9092

  every command: --data-dir D (default ${defaultDataDir()})`;

// The CLI runs built only (out/main/cli.js, or <resources>/app.asar/out/main/cli.js in the
// installed app), so the renderer is the sibling build folder: out/renderer.
const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'metrics-port': { type: 'string' },
      'ui-port': { type: 'string' },
      runtime: { type: 'string' },
      lines: { type: 'string' },
      dir: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  // How a lock held by this process is named to whoever has to wait for it.
  setLockLabel(command === 'headless' ? 'peak-watch headless' : `peak-watch CLI (${command})`);

  if (command === 'settings') return settingsCommand(dataDir, sub, rest);

  if (command === 'headless') {
    const core = await createConsole({
      dataDir,
      env: process.env,
      client: 'headless console',
      ...(values['metrics-port']
        ? { metricsPort: toPort(values['metrics-port'], '--metrics-port') }
        : {}),
    });
    const host = await startWebHost({
      api: core.api,
      rendererDir,
      port: values['ui-port'] ? toPort(values['ui-port'], '--ui-port') : 0,
    });
    const server = core.server().status();
    console.log(`console: ${host.consoleUrl}`);
    console.log(
      `metrics: ${server.listening ? server.url + '/metrics' : `not serving — ${server.error}`}`,
    );
    console.log(`data:    ${dataDir}`);
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
    if (command === 'doctor') {
      const report = await core.api.runPreflight();
      console.log(values.json ? JSON.stringify(report, null, 2) : formatPreflightTable(report));
      return report.summary.fail > 0 ? 1 : 0;
    }
    if (command === 'alerts') {
      const view = await core.api.getAlerts();
      console.log(values.json ? JSON.stringify(view, null, 2) : formatAlertsTable(view));
      // For scripts: 1 while anything fires; 3 when the states are unknown (not "all clear").
      return view.error !== null ? 3 : view.firing > 0 ? 1 : 0;
    }
    if (command === 'stack') {
      if (values.runtime) {
        const runtime = settingsPatchSchema.parse({ stack: { runtime: values.runtime } });
        await core.api.updateSettings(runtime);
      }
      switch (sub) {
        case 'up':
          core.events.on('stackProgress', (p) =>
            console.log(`${p.service}: ${p.phase} ${p.message}`),
          );
          printStack(await core.api.startStack());
          return 0;
        case 'down':
          printStack(await core.api.stopStack());
          return 0;
        case 'status':
          printStack(await core.api.getStackStatus());
          return 0;
        case 'logs': {
          const service = rest[0] === 'grafana' ? 'grafana' : 'prometheus';
          const logs = await core.api.getStackLogs({
            service,
            lines: values.lines ? Number(values.lines) : 200,
          });
          console.log(logs.lines.join('\n'));
          return 0;
        }
        case 'files': {
          if (!values.dir) throw usageError('stack files needs --dir D');
          const written = await core.stack.writeFiles(resolve(values.dir));
          written.files.forEach((f) => console.log(join(written.dir, f)));
          return 0;
        }
      }
    }
    throw usageError(`unknown command: ${[command, sub].filter(Boolean).join(' ')}`);
  } finally {
    await core.close();
  }
}

async function settingsCommand(
  dataDir: string,
  sub: string | undefined,
  rest: string[],
): Promise<number> {
  const store = new SettingsStore(dataDir);
  const { warnings } = await store.load();
  warnings.forEach((w) => console.error(`warning: ${w}`));
  if (sub === 'get') {
    const value = rest[0] ? readSettingKey(store.get(), rest[0]) : store.get();
    console.log(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return 0;
  }
  if (sub === 'set' && rest.length === 2) {
    const [key, raw] = rest as [string, string];
    const [section, field, ...more] = key.split('.');
    if (!section || !field || more.length)
      throw usageError(`a key is section.field, e.g. server.port`);
    const patch = settingsPatchSchema.safeParse({ [section]: { [field]: parseSettingValue(raw) } });
    if (!patch.success) {
      throw new ConsoleError({
        code: 'invalid-settings',
        message: toErrorInfo(patch.error).message,
      });
    }
    // The same apply path as the Settings pane, in a core that serves nothing: a running stack
    // gets the change (files rewritten, SIGHUP reload confirmed, or a restart) even with no app.
    const core = await createConsole({ dataDir, serve: false, client: 'peak-watch CLI' });
    try {
      const result = await core.api.updateSettings(patch.data);
      console.log(`${key} = ${JSON.stringify(readSettingKey(result.settings, key))}`);
      for (const line of result.applied) console.log(`applied: ${line}`);
      // What the write itself did to the file (a broken one kept aside), not said at load.
      for (const w of result.warnings.filter((w) => !warnings.includes(w)))
        console.error(`warning: ${w}`);
    } finally {
      await core.close();
    }
    return 0;
  }
  throw usageError('settings get [KEY] | settings set KEY VALUE');
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
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw usageError(`${flag} must be a port number`);
  return n;
}

function usageError(message: string): ConsoleError {
  return new ConsoleError({ code: 'usage', message, fix: 'peak-watch --help' });
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    const info = toErrorInfo(err);
    console.error(`error: ${info.message}${info.fix ? `\n  fix: ${info.fix}` : ''}`);
    process.exitCode = info.code === 'usage' ? 2 : 1;
  },
);
