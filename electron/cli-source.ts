// `peak-watch source use|status`: the source every number comes from (docs/SOURCES.md), from a
// shell. A password or token is read from stdin (one line), never from argv, where every user of
// the machine can read it in the process list.
import {
  ConsoleError,
  requestSchemas,
  toErrorInfo,
  type SourceStatus,
  type SourceUseRequest,
} from '../shared/api';
import { isAbsolutePath } from '../shared/settings';
import type { ConsoleCore } from './services/console';

export const SOURCE_OPTIONS = {
  user: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'token-stdin': { type: 'boolean' },
  'ca-file': { type: 'string' },
  'insecure-skip-tls-verify': { type: 'boolean' },
} as const;

export const SOURCE_FLAGS = {
  'source use': [
    'user',
    'password-stdin',
    'token-stdin',
    'ca-file',
    'insecure-skip-tls-verify',
  ] as const,
  'source status': ['json'] as const,
};

export const SOURCE_USAGE = `  source use URL [--user NAME] [--password-stdin | --token-stdin] [--ca-file PATH]
             [--insecure-skip-tls-verify]   read every number from an existing Prometheus-
                                               compatible API (the secret: one line on stdin)
  source use managed                           back to the stack Peak Watch runs
  source status [--json]                       health, what it can answer, the app's job;
                                               exit 1 while the source is not usable`;

export type SourceInvocation =
  | { kind: 'source status'; json: boolean }
  | {
      kind: 'source use';
      request: SourceUseRequest;
      /** Read from stdin before anything runs: the password or the token. */
      secretFromStdin: 'password' | 'token' | null;
    };

type Values = Partial<Record<keyof typeof SOURCE_OPTIONS | 'json', string | true>>;

/** Checks a `source` command line; throws what `usage(message)` makes (exit 2). */
export function parseSourceCommand(
  name: 'source use' | 'source status',
  words: (string | undefined)[],
  values: Values,
  usage: (message: string) => ConsoleError,
): SourceInvocation {
  const stray = (allowed: number): void => {
    const extra = words.filter((w): w is string => w !== undefined).slice(allowed);
    if (extra.length) throw usage(`${name} takes no ${extra.map((w) => `"${w}"`).join(' ')}`);
  };
  if (name === 'source status') {
    stray(0);
    return { kind: 'source status', json: values.json === true };
  }
  stray(1);
  const target = words[0];
  if (target === undefined) {
    throw usage('source use needs a URL (e.g. http://127.0.0.1:9090), or the word managed');
  }
  const text = (flag: keyof typeof SOURCE_OPTIONS): string | undefined => {
    const v = values[flag];
    return typeof v === 'string' ? v : undefined;
  };
  const password = values['password-stdin'] === true;
  const token = values['token-stdin'] === true;
  const user = text('user');
  const caFile = text('ca-file');
  const skipTls = values['insecure-skip-tls-verify'] === true;
  if (target === 'managed') {
    const given = Object.keys(values).filter((k) => Object.hasOwn(SOURCE_OPTIONS, k));
    if (given.length) throw usage(`source use managed takes no --${given.join(', --')}`);
    return { kind: 'source use', request: { kind: 'managed' }, secretFromStdin: null };
  }
  const url = sourceUrl(target, usage);
  if (password && token) {
    throw usage(
      'give either --password-stdin (basic auth, with --user) or --token-stdin, not both',
    );
  }
  if (password && user === undefined) {
    throw usage('--password-stdin needs --user NAME: basic auth is a user and a password');
  }
  if (token && user !== undefined) {
    throw usage('--user is for basic auth; a bearer token (--token-stdin) has no user');
  }
  if (user !== undefined && user.trim() === '') throw usage('--user is empty; give the user name');
  if (caFile !== undefined && !isAbsolutePath(caFile)) {
    throw usage(`--ca-file ${caFile}: give an absolute path to a PEM file`);
  }
  const request: SourceUseRequest = {
    kind: 'existing',
    url,
    // --user alone keeps the stored password when it was given for this URL and user.
    auth: token ? 'bearer' : user !== undefined ? 'basic' : 'none',
    ...(user !== undefined ? { user } : {}),
    ...(caFile !== undefined ? { caFile } : {}),
    ...(skipTls ? { skipTlsVerify: true } : {}),
  };
  const checked = requestSchemas.useSource.safeParse(request);
  if (!checked.success) throw usage(`source use: ${toErrorInfo(checked.error).message}`);
  return {
    kind: 'source use',
    request,
    secretFromStdin: password ? 'password' : token ? 'token' : null,
  };
}

/** The URL as the schema takes it; a user or password inside it is refused without repeating
 * it (the command line is already in the shell's history; the message must not add a copy). */
function sourceUrl(raw: string, usage: (message: string) => ConsoleError): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usage(
      `source use: "${raw}" is not a URL; give http:// or https:// and a host, e.g. http://127.0.0.1:9090`,
    );
  }
  if (url.username || url.password) {
    throw usage(
      'source use: the URL carries a user or password; give the URL without it, and the credentials as --user NAME --password-stdin (or --token-stdin)',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usage(`source use: ${url.protocol} is not a source; give an http:// or https:// URL`);
  }
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) {
    throw usage('source use: give the URL without a ?query or #fragment');
  }
  return raw.replace(/\/+$/, '');
}

/** One line from stdin (a trailing newline trimmed); more than one line or none is refused. */
export async function readSecretLine(
  what: 'password' | 'token',
  usage: (message: string) => ConsoleError,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (chunks.reduce((n, c) => n + c.length, 0) > 8192) {
      throw usage(`the ${what} on stdin is longer than 4096 characters`);
    }
  }
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text === '')
    throw usage(`no ${what} on stdin: pipe it in, e.g. from a file or a secret manager`);
  if (/[\r\n]/.test(text)) throw usage(`the ${what} on stdin is one line; it has several`);
  return text;
}

export async function runSourceCommand(
  core: ConsoleCore,
  invocation: SourceInvocation,
  secret: string | undefined,
): Promise<number> {
  if (invocation.kind === 'source status') {
    const status = await core.api.getSourceStatus();
    console.log(invocation.json ? JSON.stringify(status, null, 2) : formatSourceStatus(status));
    return status.health === 'up' ? 0 : 1;
  }
  const request: SourceUseRequest =
    invocation.request.kind === 'existing' && secret !== undefined
      ? { ...invocation.request, secret }
      : invocation.request;
  const status = await core.api.useSource(request);
  console.log(`saved: ${status.kind === 'managed' ? 'the managed stack' : status.url}`);
  console.log(formatSourceStatus(status));
  if (status.health !== 'up') {
    console.error(
      `error: the source is saved but not usable: ${status.error?.message ?? status.health}` +
        (status.error?.fix ? `\n  fix: ${status.error.fix}` : ''),
    );
    return 1;
  }
  return 0;
}

export function formatSourceStatus(s: SourceStatus): string {
  const lines = [
    `source:   ${s.kind} ${s.url}${s.product ? ` (${s.product})` : ''}`,
    `auth:     ${s.auth}${s.caFile ? `; CA file ${s.caFile}` : ''}`,
    `health:   ${s.health}`,
  ];
  if (s.error) {
    lines.push(`  ${s.error.message}`);
    if (s.error.fix) lines.push(`  fix: ${s.error.fix}`);
  }
  lines.push(`job:      ${s.job.effective} (${s.job.note})`);
  if (s.scrapeIntervalSeconds !== null) lines.push(`scrape:   every ${s.scrapeIntervalSeconds} s`);
  if (s.uiUrl) lines.push(`ui:       ${s.uiUrl}`);
  for (const [name, cap] of Object.entries(s.capabilities)) {
    if (!cap.available) lines.push(`no ${name}: ${cap.note}`);
  }
  if (s.skipTlsVerify) {
    lines.push(
      'warning: TLS certificates of this source are not checked (--insecure-skip-tls-verify): anyone on the way can read and change what it answers',
    );
  }
  return lines.join('\n');
}
