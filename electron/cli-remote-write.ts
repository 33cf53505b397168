// `peak-watch remote-write add|list|remove`: the managed Prometheus's long-term storage receivers
// from a shell. A password or token comes from stdin only — never an argument, which other users
// see in `ps` and the shell keeps in its history.
import { ConsoleError, type RemoteWriteAddRequest, type RemoteWriteStatus } from '../shared/api';
import { isSourceUrl, urlForMessage } from '../shared/settings';
import { positionalsOf, readFlags } from './cli-flags';
import { createConsole } from './services/console';
import { defaultDataDir, prepareDataDir } from './services/data-dir';
import { setLockLabel } from './services/file-lock';

export const REMOTE_WRITE_USAGE = `  remote-write add URL [--user NAME] [--password-stdin | --token-stdin]
                                               send the managed Prometheus's samples to URL
                                               (e.g. http://127.0.0.1:8428/api/v1/write)
  remote-write list [--json]                   each receiver's health; exit 1 when one fails
  remote-write remove URL`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  user: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'token-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
type Flag = keyof typeof OPTIONS;

const FLAGS: Record<string, readonly Flag[]> = {
  add: ['user', 'password-stdin', 'token-stdin'],
  list: ['json'],
  remove: [],
};

export type RemoteWriteInvocation =
  | { verb: 'add'; url: string; auth: RemoteWriteAddRequest['auth']; user?: string }
  | { verb: 'list'; json: boolean }
  | { verb: 'remove'; url: string };

function usage(message: string): ConsoleError {
  return new ConsoleError({
    code: 'usage',
    message,
    fix: `peak-watch --help; the remote-write commands:\n${REMOTE_WRITE_USAGE}`,
  });
}

/** Whether this command line is a remote-write command (its first word). */
export function isRemoteWriteCommand(argv: string[]): boolean {
  return positionalsOf(OPTIONS, argv)[0] === 'remote-write';
}

/** Checks every word and flag before anything runs (exit 2 for a mistake, as every command). */
export function parseRemoteWrite(argv: string[]): {
  invocation: RemoteWriteInvocation | { verb: 'help' };
  dataDirArg: string | undefined;
} {
  const { positionals, values, given } = readFlags(OPTIONS, argv, usage);
  const dataDirArg = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  if (dataDirArg !== undefined && dataDirArg.trim() === '') {
    throw usage('--data-dir is empty; give the folder for settings and the stack');
  }
  if (values.help) return { invocation: { verb: 'help' }, dataDirArg };
  const [, verb, ...words] = positionals;
  const flags = verb ? FLAGS[verb] : undefined;
  if (!verb || !flags || !Object.hasOwn(FLAGS, verb)) {
    throw usage(
      verb ? `unknown command: remote-write ${verb}` : 'remote-write needs add, list or remove',
    );
  }
  for (const g of given) {
    if (g.flag !== 'data-dir' && g.flag !== 'help' && !flags.includes(g.flag)) {
      throw usage(`remote-write ${verb} does not take ${g.raw}`);
    }
  }
  const wantUrl = (): string => {
    if (words.length !== 1) {
      throw usage(
        words.length
          ? `remote-write ${verb} takes one URL, not ${words.map((w) => `"${w}"`).join(' ')}`
          : `remote-write ${verb} needs the receiver's URL, e.g. http://127.0.0.1:8428/api/v1/write`,
      );
    }
    return words[0] as string;
  };
  if (verb === 'list') {
    if (words.length)
      throw usage(`remote-write list takes no ${words.map((w) => `"${w}"`).join(' ')}`);
    return { invocation: { verb, json: values.json === true }, dataDirArg };
  }
  const url = wantUrl();
  if (verb === 'remove') return { invocation: { verb, url }, dataDirArg };
  if (!isSourceUrl(url)) {
    throw usage(
      `${urlForMessage(url)} is not a receiver URL: http:// or https://, a host, and no user, password, query or #fragment in it (give the user with --user and the password on stdin)`,
    );
  }
  const user = typeof values.user === 'string' ? values.user : undefined;
  if (values['password-stdin'] && values['token-stdin']) {
    throw usage('--password-stdin and --token-stdin exclude each other: a receiver has one');
  }
  if (user !== undefined && !values['password-stdin']) {
    throw usage('--user needs its password: add --password-stdin and pipe the password in');
  }
  if (values['password-stdin'] && user === undefined) {
    throw usage('--password-stdin is basic auth, which needs --user NAME');
  }
  const auth = values['password-stdin'] ? 'basic' : values['token-stdin'] ? 'bearer' : 'none';
  return {
    invocation: { verb: 'add', url, auth, ...(user !== undefined ? { user } : {}) },
    dataDirArg,
  };
}

/** The secret as piped in: one line, its line break dropped. */
async function readSecret(what: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(`${what} (then Enter and Ctrl-D): `);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!text) {
    throw usage(
      `no ${what} on stdin; pipe it in, e.g. printf %s "$PASSWORD" | peak-watch remote-write add …`,
    );
  }
  return text;
}

export function formatRemoteWrite(list: RemoteWriteStatus[]): string {
  if (!list.length) return 'no receivers: data stays in the managed Prometheus only';
  return list
    .map((r) => {
      const counts =
        r.samplesSentTotal === null
          ? ''
          : `  sent ${r.samplesSentTotal}, failed ${r.samplesFailedTotal ?? 0}, pending ${r.samplesPending ?? 0}`;
      const last = r.lastSendAt ? `  last send ${r.lastSendAt}` : '';
      const head = `${r.health.padEnd(10)} ${r.url}  (${r.auth})${counts}${last}`;
      return r.detail ? `${head}\n           ${r.detail}` : head;
    })
    .join('\n');
}

/** Runs a remote-write command line; the exit code. */
export async function remoteWriteCommand(argv: string[]): Promise<number> {
  const { invocation, dataDirArg } = parseRemoteWrite(argv);
  if (invocation.verb === 'help') {
    console.log(`usage: peak-watch remote-write …\n\n${REMOTE_WRITE_USAGE}`);
    return 0;
  }
  const secret =
    invocation.verb === 'add' && invocation.auth !== 'none'
      ? await readSecret(invocation.auth === 'basic' ? 'password' : 'token')
      : undefined;
  const dataDir = await prepareDataDir(dataDirArg ?? defaultDataDir(), { write: true });
  setLockLabel(`peak-watch CLI (remote-write ${invocation.verb})`);
  const core = await createConsole({ dataDir, serve: false, client: 'peak-watch CLI' });
  try {
    for (const w of (await core.api.getSettings()).warnings) console.error(`warning: ${w}`);
    if (invocation.verb === 'list') {
      const list = await core.api.getRemoteWriteStatus();
      console.log(invocation.json ? JSON.stringify(list, null, 2) : formatRemoteWrite(list));
      return list.some((r) => r.health === 'failing') ? 1 : 0;
    }
    if (invocation.verb === 'remove') {
      const list = await core.api.removeRemoteWrite({ url: invocation.url });
      console.log(`removed ${invocation.url} and its secret`);
      if (list.length) console.log(formatRemoteWrite(list));
      return 0;
    }
    const list = await core.api.addRemoteWrite({
      url: invocation.url,
      auth: invocation.auth,
      ...(invocation.user !== undefined ? { user: invocation.user } : {}),
      ...(secret !== undefined ? { secret } : {}),
    });
    console.log(`added ${invocation.url}`);
    console.log(formatRemoteWrite(list));
    return 0;
  } finally {
    await core.close();
  }
}
