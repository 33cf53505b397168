// peak-watch: the same services as the app, from a shell. Every command takes --data-dir so the
// app, the web host and scripts share one settings file and one stack.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toErrorInfo, type StackStatus } from '../shared/api';
import { readSecretLine, runSourceCommand } from './cli-source';
import { parseCommandLine, usageError, USAGE, type Invocation } from './cli-parse';
import { createConsole, type ConsoleCore } from './services/console';
import { defaultDataDir, describeFileError, prepareDataDir } from './services/data-dir';
import { setLockLabel } from './services/file-lock';
import { checkSettingsOnDisk } from './services/settings-checks';
import { SettingsStore } from './services/settings-store';
import { startWebHost } from './web-host/server';
import { isRemoteWriteCommand, remoteWriteCommand } from './cli-remote-write';
import { parseInstancesCommand, runInstancesCommand } from './cli-instances';
import { formatAlertsTable, formatPreflightTable, readSettingKey } from './cli-format';
import { runTelemetryCommand } from './cli-telemetry';

// The CLI runs built only (out/main/cli.js, or <resources>/app.asar/out/main/cli.js in the
// installed app), so the renderer is the sibling build folder: out/renderer.
const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');

async function main(argv: string[]): Promise<number> {
  // remote-write parses its own words and flags (cli-remote-write.ts).
  if (isRemoteWriteCommand(argv)) return remoteWriteCommand(argv);
  const instances = parseInstancesCommand(argv);
  if (instances) return runInstancesCommand(instances.invocation, instances.dataDirArg);
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
  if (invocation.kind === 'headless') return runHeadless(dataDir, invocation);
  if (invocation.kind === 'traces' || invocation.kind === 'logs') {
    return runTelemetryCommand(dataDir, invocation);
  }
  return runOnce(dataDir, invocation, secret);
}

/** Serves the console page and /metrics until SIGINT or SIGTERM. */
async function runHeadless(
  dataDir: string,
  invocation: Extract<Invocation, { kind: 'headless' }>,
): Promise<number> {
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

/** The commands that ask a console which serves nothing, once, and close it. */
type OnceInvocation = Exclude<
  Invocation,
  { kind: 'help' | 'headless' | 'settings get' | 'settings set' | 'traces' | 'logs' }
>;

async function runOnce(
  dataDir: string,
  invocation: OnceInvocation,
  secret: string | undefined,
): Promise<number> {
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
    return await runStackCommand(core, invocation);
  } finally {
    await core.close();
  }
}

async function runStackCommand(
  core: ConsoleCore,
  invocation: Extract<Invocation, { kind: 'stack' | 'stack logs' | 'stack files' }>,
): Promise<number> {
  if (invocation.runtime) await core.api.updateSettings({ stack: { runtime: invocation.runtime } });
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

/** Refusals before anything ran: a word, a flag or the data folder. */
const EXIT_2 = new Set(['usage', 'data-dir']);

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    const info = toErrorInfo(describeFileError(err) ?? err);
    console.error(`error: ${info.message}${info.fix ? `\n  fix: ${info.fix}` : ''}`);
    process.exitCode = EXIT_2.has(info.code) ? 2 : 1;
  },
);
