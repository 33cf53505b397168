// The metrics server's answers to bad input, as one table. bad-input.int.test.ts runs it against
// the built server (out/, started as a user starts it) and the build's parity check
// (scripts/build/check-build.ts) runs it against the source and the built server and fails the
// build when any status differs: a bundler that changes what the server does with bad input
// (rolldown once deleted the percent-encoding check) cannot ship unnoticed.
// Raw sockets throughout, because fetch would repair or refuse these requests before sending.
import { connect } from 'node:net';

export interface BadInputCase {
  name: string;
  /** The bytes on the wire, exactly. */
  request: string | Buffer;
  /** What the server must answer; parity compares the source's answer with the build's. */
  status: number;
}

/** A complete request on its own connection, Host on loopback so only the target is at issue. */
export const line = (method: string, target: string, extra = ''): string =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`;

export const BAD_INPUT_CASES: readonly BadInputCase[] = Object.freeze([
  {
    name: 'truncated UTF-8 escape in a run id',
    request: line('GET', '/api/runs/%E0%A4%A'),
    status: 400,
  },
  { name: 'lone percent signs in a run id', request: line('GET', '/api/runs/%%%'), status: 400 },
  { name: 'non-hex escape in a run id', request: line('GET', '/api/runs/%zz'), status: 400 },
  { name: 'overlong UTF-8 escape', request: line('GET', '/api/runs/%C0%AF'), status: 400 },
  { name: 'UTF-16 surrogate escape', request: line('GET', '/api/runs/%ED%A0%80'), status: 400 },
  { name: 'trailing percent on /health', request: line('GET', '/health%'), status: 400 },
  { name: 'bad escape on /metrics (HEAD)', request: line('HEAD', '/metrics%FF'), status: 400 },
  { name: 'bad escape on an unknown path', request: line('GET', '/nowhere/%zz'), status: 400 },
  // Nothing under /api/ can be mutated, whatever the path holds: 405 before the path is read.
  {
    name: 'DELETE with a bad escape under /api/',
    request: line('DELETE', '/api/runs/%zz'),
    status: 405,
  },
  { name: 'POST with a lone percent under /api/', request: line('POST', '/api/%'), status: 405 },
  {
    name: 'OPTIONS with a bad escape under /api/',
    request: line('OPTIONS', '/api/runs/%E0%A4%A'),
    status: 405,
  },
  { name: 'PUT with a bad escape outside /api/', request: line('PUT', '/health%zz'), status: 400 },
  { name: 'DELETE on a valid run', request: line('DELETE', '/api/runs/run-001'), status: 405 },
  {
    name: 'absolute-form target with a bad escape',
    request: line('GET', 'http://127.0.0.1/api/runs/%zz'),
    status: 400,
  },
  {
    name: 'absolute-form target, valid',
    request: line('GET', 'http://127.0.0.1/api/runs/run-002?x=1'),
    status: 200,
  },
  { name: 'a target with no leading slash', request: line('GET', 'api/runs'), status: 400 },
  {
    name: 'a target in an unknown scheme',
    request: line('GET', 'ftp://127.0.0.1/health'),
    status: 400,
  },
  { name: 'a valid escape in a run id', request: line('GET', '/api/runs/run%2D001'), status: 200 },
  { name: 'an escaped slash in a run id', request: line('GET', '/api/runs/a%2Fb'), status: 404 },
  { name: 'a bad escape in the query only', request: line('GET', '/health?x=%zz'), status: 200 },
  {
    name: 'a control character in the URL',
    request: Buffer.from(line('GET', '/api/\x01runs'), 'latin1'),
    status: 400,
  },
  { name: 'a space inside the URL', request: line('GET', '/api/ru ns'), status: 400 },
  { name: 'a line that is not HTTP at all', request: 'HELLO THERE\r\n\r\n', status: 400 },
  {
    name: 'an unknown HTTP version',
    request: 'GET /health HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n',
    status: 400,
  },
  {
    name: 'a 20 KB header',
    request: line('GET', '/api/status', `X-Padding: ${'a'.repeat(20_000)}\r\n`),
    status: 431,
  },
  {
    name: 'a header just under the limit',
    request: line('GET', '/health', `X-Padding: ${'a'.repeat(12_000)}\r\n`),
    status: 200,
  },
]);

export interface RawResponse {
  /** The first answer's status; NaN when the server closed without an HTTP answer. */
  status: number;
  /** Every status line's code on the connection (pipelined requests get one answer each). */
  statuses: number[];
  head: string;
  body: string;
}

/**
 * Sends bytes exactly as given and reads until the server closes the connection. Bounded: after
 * `timeoutMs` the socket is destroyed and the promise rejects, so no case can hang a run.
 */
export function rawRequest(
  port: number,
  bytes: string | Buffer,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no answer within ${timeoutMs} ms to ${JSON.stringify(String(bytes).slice(0, 80))}`,
        ),
      );
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after the answer arrived (the server cuts a client that keeps sending) still
    // leaves the answer to read; a reset before it is the failure.
    let failure: Error | null = null;
    socket.on('error', (err) => (failure = err));
    socket.on('close', () => {
      clearTimeout(timer);
      if (chunks.length === 0 && failure !== null) {
        reject(failure);
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? NaN);
      const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3}) /gm)].map((m) => Number(m[1]));
      resolve({ status, statuses, head, body: split === -1 ? '' : text.slice(split + 4) });
    });
    socket.write(bytes);
  });
}

export interface CaseResult {
  name: string;
  expected: number;
  status: number;
}

/** Every case against one server, one connection each, in order. */
export async function runBadInputCases(
  port: number,
  cases: readonly BadInputCase[] = BAD_INPUT_CASES,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const res = await rawRequest(port, c.request);
    results.push({ name: c.name, expected: c.status, status: res.status });
  }
  return results;
}
