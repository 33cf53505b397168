// The one way the app talks HTTP to Prometheus: a keep-alive undici Pool per base URL, a timeout
// on every request, and every failure turned into a ConsoleError with a distinct code and a fix:
//   prometheus-unreachable   nothing answers (refused, reset, DNS, closed mid-answer)
//   prometheus-timeout       no (complete) answer in time, or Prometheus's own query timeout
//   prometheus-bad-query     Prometheus rejected the PromQL (400 bad_data / 422 execution)
//   prometheus-bad-response  an answer that is not Prometheus's JSON (a 503 HTML page, a proxy)
//   prometheus-unauthorized  401: the credentials are missing or not this Prometheus's
//   prometheus-tls           an https source's certificate is not trusted (its CA file)
//   prometheus-forbidden     403: an existing source (or its proxy) knows the user and refuses it
// Messages about an existing source (docs/SOURCES.md) name its URL and user, never the secret,
// and their fixes say where the source is changed; the managed stack's keep their stack fixes.
import { Pool } from 'undici';
import { ConsoleError } from '../../../shared/api';
import { envelopeSchema, UnexpectedPayload } from './responses';
import {
  AnswerTooLarge,
  STALE_CONNECTION_CODES,
  TIMEOUT_CODES,
  TLS_CODES,
  UNREACHABLE_CODES,
  errorCode,
  redactCredential,
  searchParams,
  snippet,
} from './request-errors';

export { REDACTED, redactCredential } from './request-errors';

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The most of one answer that is read. A source may be hostile or broken and stream without end;
 * the timeout alone would let it fill gigabytes of memory first. No page draws more: a range
 * query of this size is about a million points.
 */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Sent in the URL; a list repeats the key (match[]=a&match[]=b). */
  query?: Record<string, string | string[] | undefined>;
  /** Sent as an x-www-form-urlencoded body (keeps long PromQL out of the URL). */
  form?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/** HTTP basic auth, as the managed Prometheus's --web.config.file requires it. */
export interface BasicAuth {
  username: string;
  password: string;
}

/** A bearer token, sent as `Authorization: Bearer …` (Mimir, a reverse proxy, Grafana Cloud). */
export interface BearerAuth {
  bearer: string;
}

export type Credentials = BasicAuth | BearerAuth;

/** Credentials fixed, or looked up per request (a secret another process may change is read
 * each time). */
export type AuthSource = Credentials | (() => Promise<Credentials | null>);

/** TLS for an https source: a CA of its own (PEM text) and whether certificates are checked. */
export interface TlsOptions {
  ca?: string;
  rejectUnauthorized?: boolean;
}

/**
 * Who the client talks to, for its messages: the managed stack's Prometheus (the default), or an
 * existing source a person named, with the auth it was given (the user, never the secret).
 */
export type Peer =
  { kind: 'managed' } | { kind: 'existing'; auth: 'none' | 'basic' | 'bearer'; user: string };

/** The one command and place that change an existing source, for every fix that needs it. */
export function sourceFix(url: string, peer: Extract<Peer, { kind: 'existing' }>): string {
  const how =
    peer.auth === 'bearer'
      ? ' --token-stdin'
      : peer.auth === 'basic'
        ? ` --user ${peer.user || 'NAME'} --password-stdin`
        : ' [--user NAME --password-stdin | --token-stdin]';
  return `peak-watch source use ${url}${how}, or Settings → Source`;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
  /** A redirect's Location header ('' otherwise). */
  location?: string;
}

export class PrometheusHttp {
  private readonly pool: Pool;
  private readonly prefix: string;
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
    private readonly auth: AuthSource | null = null,
    tls: TlsOptions = {},
    private readonly peer: Peer = { kind: 'managed' },
  ) {
    const url = new URL(baseUrl);
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    // A Prometheus behind a path prefix (--web.route-prefix, Mimir's /prometheus) keeps it on
    // every request.
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: 8,
      keepAliveTimeout: 30_000,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connect: {
        timeout: timeoutMs,
        ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
        ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
      },
    });
  }

  /** One HTTP exchange; only transport failures throw (any status is an answer). */
  async send(req: HttpRequest): Promise<HttpAnswer> {
    const query = req.query ? searchParams(req.query).toString() : '';
    const path = `${this.prefix}${req.path}${query ? `?${query}` : ''}`;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    try {
      const authorization = await this.authorization();
      const ask = () =>
        this.pool.request({
          method: req.method,
          path,
          signal,
          headers: {
            accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
            ...(authorization ? { authorization } : {}),
            ...(req.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(req.form ? { body: searchParams(req.form).toString() } : {}),
        });
      // A kept-alive connection whose server died is found dead only when a request is written
      // on it ("other side closed"); every request here reads, so it is asked once more, on a new
      // connection, which then says what is true now (connection refused, or the answer).
      const res = await ask().catch((err: unknown) => {
        if (signal.aborted || !STALE_CONNECTION_CODES.has(errorCode(err))) throw err;
        return ask();
      });
      // A hostile or careless server may echo the credential it received (an error page that
      // repeats the Authorization header, an error envelope quoting it); its text reaches
      // messages, pages and logs, so the credential is cut out of it here, once for every caller.
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          res.body.destroy();
          throw new AnswerTooLarge();
        }
        chunks.push(chunk);
      }
      const text = redactCredential(Buffer.concat(chunks).toString('utf8'), authorization);
      if (res.statusCode === 401) throw this.unauthorized(authorization !== null);
      if (res.statusCode === 403 && this.peer.kind === 'existing') throw this.forbidden();
      const contentType = res.headers['content-type'];
      const location = res.headers.location;
      return {
        status: res.statusCode,
        contentType: typeof contentType === 'string' ? contentType : '',
        text,
        // A redirect may carry the credential too (it becomes the source's UI link).
        ...(typeof location === 'string'
          ? { location: redactCredential(location, authorization) }
          : {}),
      };
    } catch (err) {
      throw this.transportError(err, req.signal);
    }
  }

  /** A /api/v1 call: the `data` of a success envelope, through `parse`. */
  async api<T>(req: HttpRequest, parse: (data: unknown) => T): Promise<T> {
    const answer = await this.send(req);
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      throw this.badResponse(
        `answered HTTP ${answer.status} with something that is not JSON` +
          (answer.text.trim() ? `: "${snippet(answer.text)}"` : ' (empty body)'),
      );
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      throw this.badResponse(
        `answered HTTP ${answer.status} with JSON that is not a Prometheus API answer`,
      );
    }
    const { status, errorType, error, data } = envelope.data;
    if (status === 'error') throw this.apiError(answer.status, errorType, error);
    try {
      return parse(data);
    } catch (err) {
      if (err instanceof UnexpectedPayload)
        throw this.badResponse(`sent an unexpected ${err.message}`);
      throw err;
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async authorization(): Promise<string | null> {
    const auth = typeof this.auth === 'function' ? await this.auth() : this.auth;
    if (!auth) return null;
    if ('bearer' in auth) return `Bearer ${auth.bearer}`;
    return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  }

  /** "The source at URL" or "Prometheus at URL": whose answer a message is about. */
  private get who(): string {
    return this.peer.kind === 'existing'
      ? `The source at ${this.baseUrl}`
      : `Prometheus at ${this.baseUrl}`;
  }

  private unauthorized(sentCredentials: boolean): ConsoleError {
    const peer = this.peer;
    if (peer.kind === 'existing') {
      const refused =
        peer.auth === 'basic'
          ? `refused the credentials for ${peer.user} (HTTP 401)`
          : peer.auth === 'bearer'
            ? 'refused the bearer token (HTTP 401)'
            : 'asks for credentials (HTTP 401)';
      return new ConsoleError({
        code: 'prometheus-unauthorized',
        message:
          sentCredentials || peer.auth === 'none'
            ? `${this.who} ${refused}.`
            : `${this.who} asks for a ${peer.auth === 'bearer' ? 'token' : 'password'} and none is stored (HTTP 401).`,
        fix: `Give the ${peer.auth === 'bearer' ? 'token' : 'password'} again: ${sourceFix(this.baseUrl, peer)}.`,
      });
    }
    return new ConsoleError({
      code: 'prometheus-unauthorized',
      message: sentCredentials
        ? `Prometheus at ${this.baseUrl} refused Peak Watch's credentials (HTTP 401).`
        : `Prometheus at ${this.baseUrl} asks for a password (HTTP 401).`,
      fix:
        'Another Prometheus may be on this port, or the stack was started from another data folder: ' +
        'stop it, or choose another Prometheus port in Settings, then start the stack again.',
    });
  }

  private forbidden(): ConsoleError {
    const peer = this.peer as Extract<Peer, { kind: 'existing' }>;
    const as =
      peer.auth === 'basic'
        ? ` ${peer.user}`
        : peer.auth === 'bearer'
          ? ' this token'
          : ' Peak Watch';
    return new ConsoleError({
      code: 'prometheus-forbidden',
      message: `${this.who} forbids${as} to read it (HTTP 403).`,
      fix: `Ask its administrator for read access, or use other credentials: ${sourceFix(this.baseUrl, peer)}.`,
    });
  }

  private apiError(
    status: number,
    errorType: string | undefined,
    error: string | undefined,
  ): ConsoleError {
    const message = error ?? `error (${errorType ?? 'no type'})`;
    if (errorType === 'bad_data' || errorType === 'execution' || status === 400 || status === 422) {
      return new ConsoleError({
        code: 'prometheus-bad-query',
        message: `Prometheus rejected the query: ${message}`,
        fix: 'Correct the PromQL; the message above is Prometheus’s own.',
      });
    }
    if (errorType === 'timeout') {
      return new ConsoleError({
        code: 'prometheus-timeout',
        message: `Prometheus gave up on the query: ${message}`,
        fix: 'Narrow the time range or raise the step.',
      });
    }
    return this.badResponse(`answered HTTP ${status} with an error: ${message}`);
  }

  private badResponse(what: string): ConsoleError {
    return new ConsoleError({
      code: 'prometheus-bad-response',
      message: `The server at ${this.baseUrl} ${what}.`,
      fix:
        this.peer.kind === 'existing'
          ? `Is this the Prometheus-compatible API (with its path prefix, e.g. /prometheus for Mimir)? Change it: ${sourceFix(this.baseUrl, this.peer)}.`
          : 'Is Prometheus the program on this port? Check the Prometheus port in Settings and the stack logs.',
    });
  }

  /** The fix when nothing answers: the stack's, or the source's. */
  private unreachableFix(stack: string): string {
    return this.peer.kind === 'existing'
      ? `Check that the source runs and this machine reaches it, or choose another: ${sourceFix(this.baseUrl, this.peer)}.`
      : stack;
  }

  private transportError(err: unknown, callerSignal: AbortSignal | undefined): ConsoleError {
    if (err instanceof ConsoleError) return err;
    if (err instanceof AnswerTooLarge) {
      return this.badResponse(
        `answered with more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB; Peak Watch stopped reading`,
      );
    }
    const code = errorCode(err);
    const name = err instanceof Error ? err.name : '';
    if (callerSignal?.aborted) {
      return new ConsoleError({
        code: 'aborted',
        message: 'The Prometheus request was cancelled.',
      });
    }
    if (name === 'TimeoutError' || TIMEOUT_CODES.has(code)) {
      return new ConsoleError({
        code: 'prometheus-timeout',
        message: `${this.who} did not answer within ${this.timeoutMs / 1000} s.`,
        fix: 'Prometheus may be overloaded or stuck: check its logs, or narrow the query.',
      });
    }
    if (TLS_CODES.has(code)) {
      return new ConsoleError({
        code: 'prometheus-tls',
        message: `${this.who} sent a certificate this machine does not trust (${code}).`,
        fix:
          this.peer.kind === 'existing'
            ? `Give the CA that signed it (--ca-file PATH, or Settings → Source → CA file): ${sourceFix(this.baseUrl, this.peer)}.`
            : 'Check the Prometheus URL in Settings.',
      });
    }
    if (UNREACHABLE_CODES.has(code)) {
      const why = code === 'ECONNREFUSED' ? 'connection refused' : code;
      return new ConsoleError({
        code: 'prometheus-unreachable',
        message: `${this.who} is not reachable (${why}).`,
        fix: this.unreachableFix('Start the stack, or check the Prometheus port in Settings.'),
      });
    }
    const detail = err instanceof Error ? err.message : String(err);
    return new ConsoleError({
      code: 'prometheus-unreachable',
      message: `${this.who} could not be asked: ${detail}`,
      fix: this.unreachableFix(
        'Start the stack, or check the Prometheus URL and port in Settings.',
      ),
    });
  }
}
