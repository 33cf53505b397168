// peak-watch instances add|list|remove and alerts export: the watched app's other instances
// (scraped in its job through Prometheus's file_sd file, docs/SOURCES.md) and the rules file for
// a Prometheus Peak Watch does not run. Changes go through the same apply path as the Settings
// pane, so a running stack gets them (instances.json rewritten, a reload only for a token file).
import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderAlertRulesFile } from '../shared/alert-rules-file';
import { ConsoleError } from '../shared/api';
import { effectiveJob } from '../shared/dashboard';
import { namesEmbeddedServer, scrapeTarget, type Settings } from '../shared/settings';
import { flagNamesOf, positionalsOf, readFlags, type FlagOptions } from './cli-flags';
import { createConsole } from './services/console';
import { defaultDataDir, prepareDataDir } from './services/data-dir';
import { setLockLabel } from './services/file-lock';

export const INSTANCES_USAGE = `  instances add HOST:PORT [--token-file PATH]  scrape another instance of the app in its job
                                               (the token file's content is sent as a bearer token)
  instances list [--json]                      the instances besides the embedded server
  instances remove HOST:PORT                   stop scraping an instance; exit 1 when not listed
  alerts export [--out FILE]                   the alert rules file for the app's job (promtool-clean),
                                               to load into a Prometheus of one's own`;

export type InstancesInvocation =
  | { kind: 'instances add'; target: string; tokenFile: string }
  | { kind: 'instances list'; json: boolean }
  | { kind: 'instances remove'; target: string }
  | { kind: 'alerts export'; out: string | null };

const OPTIONS = {
  'data-dir': { type: 'string' },
  'token-file': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
type Flag = keyof typeof OPTIONS;

const FLAGS = {
  'instances add': ['token-file'],
  'instances list': ['json'],
  'instances remove': [],
  'alerts export': ['out'],
} as const satisfies Record<InstancesInvocation['kind'], readonly Flag[]>;

function usage(message: string): ConsoleError {
  return new ConsoleError({ code: 'usage', message, fix: 'peak-watch --help' });
}

/** The options one of these commands takes: --data-dir and its own. */
function optionsOf(kind: InstancesInvocation['kind']): FlagOptions {
  const flags: readonly Flag[] = ['data-dir', ...FLAGS[kind]];
  return Object.fromEntries(flags.map((f) => [f, OPTIONS[f]]));
}

/**
 * The command line when it is one of these commands (null otherwise: cli.ts parses it), fully
 * checked before anything runs. Throws a usage error (exit 2) naming what is wrong.
 */
export function parseInstancesCommand(
  argv: string[],
): { invocation: InstancesInvocation; dataDirArg: string | undefined } | null {
  const [command, sub] = positionalsOf(OPTIONS, argv);
  const name = `${command ?? ''} ${sub ?? ''}`;
  if (command === 'instances' && !Object.hasOwn(FLAGS, name)) {
    throw usage(`unknown command: ${name.trim()}; instances takes add, list or remove`);
  }
  if (!Object.hasOwn(FLAGS, name)) return null;
  if (flagNamesOf(OPTIONS, argv).includes('help')) return null;
  const kind = name as InstancesInvocation['kind'];
  // Each flag in the order typed: one another command takes is refused as this one's mistake.
  const { positionals, values } = readFlags(optionsOf(kind), argv, usage, {
    unknown: (raw) => `${kind} does not take ${raw}`,
    refuseEmpty: true,
  });
  const words = positionals.slice(2);
  const text = (flag: Flag): string | undefined =>
    typeof values[flag] === 'string' ? values[flag] : undefined;
  const dataDirArg = text('data-dir');
  const takesTarget = kind === 'instances add' || kind === 'instances remove';
  const stray = words.slice(takesTarget ? 1 : 0);
  if (stray.length) throw usage(`${kind} takes no ${stray.map((w) => `"${w}"`).join(' ')}`);
  if (takesTarget) {
    const raw = words[0];
    if (raw === undefined) throw usage(`${kind} needs HOST:PORT, e.g. ${kind} 127.0.0.1:8000`);
    const target = scrapeTarget.safeParse(raw);
    if (!target.success) {
      throw usage(`${raw} is not an instance: ${target.error.issues[0]?.message ?? 'host:port'}`);
    }
    const invocation: InstancesInvocation =
      kind === 'instances add'
        ? {
            kind,
            target: target.data,
            tokenFile: text('token-file') === undefined ? '' : resolve(text('token-file') ?? ''),
          }
        : { kind, target: target.data };
    return { invocation, dataDirArg };
  }
  if (kind === 'instances list') {
    return { invocation: { kind, json: values.json === true }, dataDirArg };
  }
  const out = text('out');
  return { invocation: { kind, out: out === undefined ? null : resolve(out) }, dataDirArg };
}

/** A token file Prometheus could not read would only show as a failing scrape: refuse it here. */
async function checkTokenFile(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
    if (!(await stat(path)).isFile()) throw Object.assign(new Error(), { code: 'EISDIR' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable by you'
          : code === 'EISDIR'
            ? 'is not a file'
            : `cannot be read (${code})`;
    throw new ConsoleError({
      code: 'token-file-unreadable',
      message: `The token file ${path} ${why}. Nothing was added.`,
      fix: 'Give --token-file a readable file that holds the bearer token the instance expects.',
    });
  }
}

function describeInstance(i: Settings['stack']['instances'][number]): string {
  return i.tokenFile ? `${i.target}  bearer token from ${i.tokenFile}` : i.target;
}

export async function runInstancesCommand(
  invocation: InstancesInvocation,
  dataDirArg: string | undefined,
): Promise<number> {
  const dataDir = await prepareDataDir(dataDirArg ?? defaultDataDir(), { write: true });
  setLockLabel(`peak-watch CLI (${invocation.kind.split(' ')[0] ?? 'instances'})`);
  if (invocation.kind === 'instances add' && invocation.tokenFile !== '') {
    await checkTokenFile(invocation.tokenFile);
  }
  const core = await createConsole({ dataDir, serve: false, client: 'peak-watch CLI' });
  try {
    const settings = core.settings();
    for (const w of (await core.api.getSettings()).warnings) console.error(`warning: ${w}`);
    const instances = settings.stack.instances;
    switch (invocation.kind) {
      case 'instances list':
        if (invocation.json) console.log(JSON.stringify(instances, null, 2));
        else if (instances.length === 0)
          console.log('no instances besides the embedded server; add one: instances add HOST:PORT');
        else instances.forEach((i) => console.log(describeInstance(i)));
        return 0;
      case 'alerts export': {
        const job = await effectiveJob(core.api, settings.source);
        const text = renderAlertRulesFile(settings.alerts, job);
        if (invocation.out === null) process.stdout.write(text);
        else {
          await writeFile(invocation.out, text);
          console.error(
            `wrote ${invocation.out} (job ${job}); check it: promtool check rules FILE`,
          );
        }
        return 0;
      }
      case 'instances add': {
        refuseNewInstance(settings, invocation.target);
        const added = { target: invocation.target, tokenFile: invocation.tokenFile };
        // From the file under the lock: another `instances add` may have written since the read.
        const result = await core.updateSettingsFrom((disk) => ({
          stack: {
            instances: [...disk.stack.instances.filter((i) => i.target !== added.target), added],
          },
        }));
        console.log(`added ${describeInstance(added)}`);
        for (const line of result.applied) console.log(`applied: ${line}`);
        return 0;
      }
      case 'instances remove': {
        if (!instances.some((i) => i.target === invocation.target)) {
          const listed = instances.map((i) => i.target).join(', ');
          throw new ConsoleError({
            code: 'instance-not-found',
            message: `${invocation.target} is not an instance${listed ? ` (the instances: ${listed})` : ' (there are none)'}. Nothing was changed.`,
            fix: 'peak-watch instances list shows them as they are written.',
          });
        }
        const result = await core.updateSettingsFrom((disk) => ({
          stack: {
            instances: disk.stack.instances.filter((i) => i.target !== invocation.target),
          },
        }));
        console.log(`removed ${invocation.target}`);
        for (const line of result.applied) console.log(`applied: ${line}`);
        return 0;
      }
    }
  } finally {
    await core.close();
  }
}

/** Refuses an instance already listed, or the embedded server itself (scraped already). */
function refuseNewInstance(settings: Settings, target: string): void {
  if (settings.stack.instances.some((i) => i.target === target)) {
    throw new ConsoleError({
      code: 'instance-exists',
      message: `${target} is already an instance. Nothing was changed.`,
      fix: `To change its token file: peak-watch instances remove ${target}, then add it again.`,
    });
  }
  if (namesEmbeddedServer(settings, target)) {
    throw new ConsoleError({
      code: 'instance-is-embedded-server',
      message: `${target} is Peak Watch's own embedded server, which the app job scrapes already. Nothing was added.`,
      fix: 'Add the other instances of the app: where the Python app or another server listens.',
    });
  }
}
