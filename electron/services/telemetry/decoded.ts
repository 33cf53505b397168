// What a decoded export holds, whichever encoding it came in: the items kept, and how many were
// refused (an id that is not one) with the first reason, for OTLP's partial-success answer.
import type { LogRecordView, SpanRecord } from '../../../shared/contract/telemetry';

export type IncomingLog = Omit<LogRecordView, 'seq'>;

export interface Decoded<T> {
  items: T[];
  rejected: number;
  reason: string | null;
}

export type DecodedSpans = Decoded<SpanRecord>;
export type DecodedLogs = Decoded<IncomingLog>;

/** Collects items and refusals while a decoder walks an export. */
export class DecodedBuilder<T> {
  readonly items: T[] = [];
  rejected = 0;
  reason: string | null = null;

  keep(item: T): void {
    this.items.push(item);
  }

  refuse(reason: string): void {
    this.rejected += 1;
    this.reason ??= reason;
  }

  result(): Decoded<T> {
    return { items: this.items, rejected: this.rejected, reason: this.reason };
  }
}
