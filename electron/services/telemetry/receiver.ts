// The OTLP/HTTP receiver's server: POST /v1/traces and /v1/logs (JSON or protobuf, gzip or not)
// into the store, and the token-guarded read API for the CLI. Who the attacker is and what each
// refusal defends against: docs/TELEMETRY.md. Every request ends in an answer; nothing a client
// sends can make it a 500 or stop the server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost } from '../../../shared/settings';
import { ConsoleError, type ConsoleErrorInfo } from '../../../shared/errors';
import { requestAuthority } from '../http-authority';
import { createBearerCheck, type BearerCheck } from '../metrics-server/bearer';
import { describeListenError } from '../metrics-server/listen-errors';
import { readBody } from './body';
import { decodeLogsJson, decodeTracesJson } from './otlp-json';
import { decodeLogsProto, decodeTracesProto } from './otlp-proto';
import { answerRead, type ReadApiDeps } from './read-api';
import {
  accepted,
  refuse,
  PROTOBUF,
  JSON_TYPE,
  type Encoding,
  type ReceiverReply,
} from './replies';
import type { TelemetryMemory } from './store';
import { DecodeError } from './wire';

export interface ReceiverOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The instance token: exports need it off loopback; the read API always. */
  token: string;
  memory: TelemetryMemory;
  status: ReadApiDeps['status'];
  /** Items were kept (the status event follows, throttled). */
  onIngest: () => void;
  /** An export was refused: counted and shown as lastRejection. */
  onReject: (why: ConsoleErrorInfo) => void;
}

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

export class OtlpReceiver {
  private server: Server | null = null;
  private bound: { host: string; port: number } | null = null;
  private readonly checkBearer: BearerCheck;
  readonly loopback: boolean;

  constructor(private readonly opts: ReceiverOptions) {
    this.checkBearer = createBearerCheck(opts.token);
    this.loopback = isLoopbackHost(opts.host);
  }

  get address(): { host: string; port: number } | null {
    return this.bound;
  }

  /** Listens; throws a ConsoleError (port-in-use, …) naming the telemetry settings to change. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer(
      { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
      (req, res) => void this.handle(req, res),
    );
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.on('clientError', (_err, socket) => socket.destroy());
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: this.opts.host, port: this.opts.port }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      throw telemetryListenError(err, this.opts.host, this.opts.port);
    }
    server.on('error', () => undefined);
    this.server = server;
    this.bound = { host: this.opts.host, port: (server.address() as AddressInfo).port };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.bound = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: ReceiverReply;
    try {
      reply = await this.route(req);
    } catch {
      // Nothing here throws by design; should something, the client still gets an answer.
      reply = refuse(400, 'json', {
        code: 'otlp-malformed',
        message: 'The export could not be read',
      });
    }
    if (reply.rejection) this.opts.onReject(reply.rejection);
    try {
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    } catch {
      res.destroy();
    }
  }

  private async route(req: IncomingMessage): Promise<ReceiverReply> {
    const encoding: Encoding = mediaType(req) === PROTOBUF ? 'protobuf' : 'json';
    const early = this.refuseEarly(req, encoding);
    if (early) return early;
    const [path = '', search = ''] = (req.url ?? '').split('?', 2);
    if (path === '/v1/traces' || path === '/v1/logs') {
      return this.ingest(req, path === '/v1/traces' ? 'spans' : 'logs', encoding);
    }
    if (path.startsWith('/api/')) {
      if (req.method !== 'GET')
        return refuse(
          405,
          'json',
          {
            code: 'method-not-allowed',
            message: `${req.method ?? ''} ${path}: the read API answers GET only`,
          },
          { allow: 'GET' },
        );
      if (!this.checkBearer(req.headers.authorization)) {
        return refuse(401, 'json', {
          code: 'unauthorized',
          message: 'Reading kept traces and logs needs the instance token',
          fix: "Use peak-watch traces / peak-watch logs (they read the token from the data folder's secrets/server-token)",
        });
      }
      return answerRead(path, new URLSearchParams(search), this.opts);
    }
    return refuse(404, encoding, {
      code: 'invalid-request',
      message: `No such path: ${path}`,
      fix: 'OTLP/HTTP exporters send to /v1/traces and /v1/logs',
    });
  }

  /** DNS rebinding, web pages and strangers off loopback: refused before the body is read. */
  private refuseEarly(req: IncomingMessage, encoding: Encoding): ReceiverReply | null {
    const authority = requestAuthority(req);
    if (!authority.ok)
      return refuse(400, encoding, { code: 'invalid-request', message: authority.message });
    if (this.loopback && authority.authorities.some((a) => !isLoopbackHost(a.host))) {
      return refuse(421, encoding, {
        code: 'forbidden',
        message: `Host ${authority.authorities.map((a) => a.host).join(', ')} is not this machine's loopback address`,
        fix: 'Send to 127.0.0.1 or localhost (a page under another name reaching this port is refused)',
      });
    }
    if (req.headers.origin !== undefined) {
      return refuse(403, encoding, {
        code: 'forbidden',
        message: `A request from a web page (Origin ${req.headers.origin}) is refused`,
        fix: 'Export from the application process with an OTLP exporter; browsers cannot write here',
      });
    }
    return null;
  }

  private async ingest(
    req: IncomingMessage,
    kind: 'spans' | 'logs',
    encoding: Encoding,
  ): Promise<ReceiverReply> {
    const path = kind === 'spans' ? '/v1/traces' : '/v1/logs';
    if (req.method !== 'POST') {
      return refuse(
        405,
        encoding,
        {
          code: 'method-not-allowed',
          message: `${req.method ?? ''} ${path}: OTLP exports are POSTed`,
        },
        { allow: 'POST' },
      );
    }
    if (!this.loopback && !this.checkBearer(req.headers.authorization)) {
      return refuse(
        401,
        encoding,
        {
          code: 'unauthorized',
          message: `This receiver listens on ${this.opts.host}, off loopback: an export needs the instance token`,
          fix: "Send Authorization: Bearer <token> (OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20<token>, the token in the data folder's secrets/server-token)",
        },
        { 'www-authenticate': 'Bearer' },
      );
    }
    const unsupported = unsupportedMedia(req);
    if (unsupported)
      return refuse(415, 'json', { code: 'otlp-unsupported-media-type', ...unsupported });
    const body = await readBody(req);
    if (!body.ok) {
      const status = body.why === 'too-large' ? 413 : 400;
      const code = body.why === 'too-large' ? 'otlp-too-large' : 'otlp-malformed';
      return refuse(
        status,
        encoding,
        { code, message: body.message },
        status === 413 ? { connection: 'close' } : undefined,
      );
    }
    try {
      const decoded = decode(kind, encoding, body.body);
      if (kind === 'spans') this.opts.memory.addSpans(decoded.spans ?? []);
      else this.opts.memory.addLogs(decoded.logs ?? []);
      if (decoded.kept > 0) this.opts.onIngest();
      return accepted(encoding, kind, decoded.rejected, decoded.reason);
    } catch (err) {
      const what = encoding === 'protobuf' ? 'protobuf' : 'JSON';
      const message =
        err instanceof DecodeError || err instanceof SyntaxError
          ? err.message
          : 'it does not decode';
      return refuse(400, encoding, {
        code: 'otlp-malformed',
        message: `The ${path} body is not an OTLP ${what} ${kind === 'spans' ? 'ExportTraceServiceRequest' : 'ExportLogsServiceRequest'}: ${message}`,
        fix: `Send the OTLP/HTTP ${what} encoding (opentelemetry-proto v1), as the official exporters do`,
      });
    }
  }
}

type DecodedAny = {
  spans?: ReturnType<typeof decodeTracesJson>['items'];
  logs?: ReturnType<typeof decodeLogsJson>['items'];
  kept: number;
  rejected: number;
  reason: string | null;
};

function decode(kind: 'spans' | 'logs', encoding: Encoding, body: Buffer): DecodedAny {
  if (kind === 'spans') {
    const d = encoding === 'protobuf' ? decodeTracesProto(body) : decodeTracesJson(parseJson(body));
    return { spans: d.items, kept: d.items.length, rejected: d.rejected, reason: d.reason };
  }
  const d = encoding === 'protobuf' ? decodeLogsProto(body) : decodeLogsJson(parseJson(body));
  return { logs: d.items, kept: d.items.length, rejected: d.rejected, reason: d.reason };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (err) {
    throw new DecodeError(`not JSON (${(err as Error).message})`);
  }
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** A content type or encoding the receiver does not read, with what it does read. */
function unsupportedMedia(req: IncomingMessage): { message: string; fix: string } | null {
  const type = mediaType(req);
  if (type !== PROTOBUF && type !== JSON_TYPE) {
    return {
      message: `Content-Type ${type || '(none)'} is not an OTLP/HTTP encoding`,
      fix: `Send ${PROTOBUF} or ${JSON_TYPE}`,
    };
  }
  const enc = (req.headers['content-encoding'] ?? '').toLowerCase();
  if (enc !== '' && enc !== 'identity' && enc !== 'gzip') {
    return {
      message: `Content-Encoding ${enc} is not read here`,
      fix: 'Send gzip or no Content-Encoding',
    };
  }
  return null;
}

/** listen()'s failure, with the fix naming the telemetry settings, not the server's. */
function telemetryListenError(err: unknown, host: string, port: number): ConsoleError {
  const e = describeListenError(err, host, port);
  const fix = (e.fix ?? '')
    .replace('Settings → Server host and port', 'Settings → Telemetry host and port')
    .replace(
      'Settings → Server port',
      'Settings → Telemetry port (peak-watch settings set telemetry.port N)',
    )
    .replace(
      'Settings → Server host',
      'Settings → Telemetry host (peak-watch settings set telemetry.host 127.0.0.1)',
    );
  return new ConsoleError({ code: e.code, message: `OTLP receiver: ${e.message}`, fix });
}
