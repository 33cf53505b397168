// Requests Node's parser rejects never become a 'request'; they arrive here. Attaching this
// listener replaces Node's default answer, so it must give the same ones (431 for oversized
// headers, 408 for a request timeout, 400 otherwise) and must never throw.
import type { Duplex } from 'node:stream';
import { RAW_BAD_REQUEST, RAW_HEADERS_TOO_LARGE, RAW_REQUEST_TIMEOUT } from './replies';

/** Node's private link from a socket to the response in progress on it. */
interface HttpSocket extends Duplex {
  _httpMessage?: { headersSent: boolean } | null;
}

// How long a rejected client may keep sending before the socket is cut. Closing at once
// while its bytes are still unread would make the kernel send RST, and many clients then
// never see the 431/400 that explains the refusal.
const LINGER_MS = 1000;

export function answerClientError(err: Error & { code?: string }, socket: Duplex): boolean {
  if (err.code === 'ECONNRESET') {
    socket.destroy();
    return false;
  }
  // Already answered: the parser complains again about each further chunk while we linger.
  if (socket.writableEnded) return false;
  if (!socket.writable) {
    socket.destroy();
    return false;
  }
  const inProgress = (socket as HttpSocket)._httpMessage;
  if (inProgress?.headersSent) {
    // Part of another response is on the wire already; anything more would corrupt it.
    socket.destroy();
    return false;
  }
  const response =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? RAW_HEADERS_TOO_LARGE
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? RAW_REQUEST_TIMEOUT
        : RAW_BAD_REQUEST;
  socket.end(response);
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
  return true;
}
