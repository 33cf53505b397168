// The receiver's answers, as OTLP/HTTP specifies them: 200 with an empty (or partial-success)
// Export*ServiceResponse, and each refusal a google.rpc.Status — both in the request's encoding
// (protobuf for application/x-protobuf, JSON otherwise).
import type { OutgoingHttpHeaders } from 'node:http';
import type { ConsoleErrorInfo } from '../../../shared/errors';
import { WireWriter } from './wire';

export type Encoding = 'json' | 'protobuf';

export const PROTOBUF = 'application/x-protobuf';
export const JSON_TYPE = 'application/json';

export interface ReceiverReply {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** Set on refusals: what the status shows as lastRejection. */
  rejection?: ConsoleErrorInfo;
}

/** google.rpc.Code for each HTTP status the receiver refuses with. */
const RPC_CODE: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  405: 12, // UNIMPLEMENTED
  413: 8, // RESOURCE_EXHAUSTED
  415: 3,
  421: 7,
};

function reply(
  status: number,
  encoding: Encoding,
  body: Buffer,
  extra?: OutgoingHttpHeaders,
): ReceiverReply {
  return {
    status,
    body,
    headers: {
      'content-type': encoding === 'protobuf' ? PROTOBUF : JSON_TYPE,
      'content-length': body.length,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...extra,
    },
  };
}

/** A refusal: the Status body says what happened and how to fix it, in one message. */
export function refuse(
  status: number,
  encoding: Encoding,
  info: ConsoleErrorInfo,
  extra?: OutgoingHttpHeaders,
): ReceiverReply {
  const code = RPC_CODE[status] ?? 2;
  const message = info.fix ? `${info.message} — ${info.fix}` : info.message;
  const body =
    encoding === 'protobuf'
      ? new WireWriter().varintField(1, code).stringField(2, message).finish()
      : Buffer.from(JSON.stringify({ code, message }));
  return { ...reply(status, encoding, body, extra), rejection: info };
}

/** 200: ExportTraceServiceResponse / ExportLogsServiceResponse, with partial_success (field 1:
 * rejected count, field 2: error message) only when something was refused. */
export function accepted(
  encoding: Encoding,
  kind: 'spans' | 'logs',
  rejected: number,
  reason: string | null,
): ReceiverReply {
  if (rejected === 0)
    return reply(200, encoding, encoding === 'protobuf' ? Buffer.alloc(0) : Buffer.from('{}'));
  const message = reason ?? '';
  if (encoding === 'protobuf') {
    const partial = new WireWriter().varintField(1, rejected).stringField(2, message).finish();
    return reply(200, encoding, new WireWriter().bytesField(1, partial).finish());
  }
  const field = kind === 'spans' ? 'rejectedSpans' : 'rejectedLogRecords';
  return reply(
    200,
    encoding,
    Buffer.from(
      JSON.stringify({ partialSuccess: { [field]: String(rejected), errorMessage: message } }),
    ),
  );
}

/** The read API's JSON answers (for the CLI). */
export function jsonAnswer(status: number, value: unknown): ReceiverReply {
  return reply(status, 'json', Buffer.from(JSON.stringify(value)));
}
