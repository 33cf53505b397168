// One event stream on /events for every subscription of a web console page: opened on the first
// subscription, closed after the last, opened again after it breaks. It comes through fetch()
// because EventSource cannot send the session header (web-session.ts).
import {
  CONSOLE_EVENTS,
  type ConsoleApi,
  type ConsoleEvent,
  type ConsoleEvents,
} from '../../../shared/api';

/** 'expired': the host answers but does not accept this page (no session, or it restarted). */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'expired';

export interface EventStreamOptions {
  base: string;
  doFetch: typeof fetch;
  authHeaders: () => Promise<Record<string, string>>;
  /** Told whenever the stream opens or breaks (the "connection lost" banner). */
  onConnectionChange?: (state: ConnectionState) => void;
  /** Delay before opening the stream again after it broke. */
  reconnectDelayMs: number;
}

/** The blocks of a text/event-stream read so far, and what is left of an unfinished one. */
function splitBlocks(buffer: string): { blocks: { event: string; data: string }[]; rest: string } {
  const blocks: { event: string; data: string }[] = [];
  let rest = buffer;
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (event !== undefined && data !== undefined) blocks.push({ event, data });
  }
  return { blocks, rest };
}

type Listeners = Map<ConsoleEvent, Set<(payload: never) => void>>;

/** Hands one event of the stream to its listeners; unknown events and garbled data are dropped. */
function dispatchEvent(listeners: Listeners, event: string, data: string): void {
  if (!(CONSOLE_EVENTS as readonly string[]).includes(event)) return;
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return; // A garbled message is dropped; the next status event carries the full state again.
  }
  for (const listener of listeners.get(event as ConsoleEvent) ?? []) {
    (listener as (p: unknown) => void)(payload);
  }
}

/** What one read of /events reports back: when it opens, and each event block. */
interface StreamReading {
  signal: AbortSignal;
  onOpen: () => void;
  onBlock: (event: string, data: string) => void;
}

/** Reads the stream until it ends: 'refused' when the host does not know this page. */
async function readStream(
  options: EventStreamOptions,
  reading: StreamReading,
): Promise<'refused' | 'broken'> {
  let response: Response;
  try {
    response = await options.doFetch(`${options.base}/events`, {
      headers: { accept: 'text/event-stream', ...(await options.authHeaders()) },
      credentials: 'omit',
      cache: 'no-store',
      signal: reading.signal,
    });
  } catch {
    return 'broken';
  }
  if (response.status === 401) return 'refused';
  if (!response.ok || !response.body) return 'broken';
  reading.onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'broken';
      const { blocks, rest } = splitBlocks(buffer + value);
      buffer = rest;
      for (const b of blocks) reading.onBlock(b.event, b.data);
    }
  } catch {
    return 'broken';
  }
}

/** ConsoleApi's `on`, over one shared event stream. */
export function createEventStream(options: EventStreamOptions): ConsoleApi['on'] {
  const { reconnectDelayMs } = options;
  const listeners: Listeners = new Map();
  let stream: AbortController | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let state: ConnectionState | null = null;

  function setState(next: ConnectionState): void {
    if (state === next) return;
    state = next;
    options.onConnectionChange?.(next);
  }

  function open(): void {
    const ctrl = new AbortController();
    stream = ctrl;
    // After a loss the banner stays until the new stream is really open.
    if (state !== 'lost' && state !== 'expired') setState('connecting');
    const reading: StreamReading = {
      signal: ctrl.signal,
      onOpen: () => {
        if (stream === ctrl) setState('open');
      },
      onBlock: (event, data) => {
        if (stream === ctrl) dispatchEvent(listeners, event, data);
      },
    };
    void readStream(options, reading).then((outcome) => {
      if (stream !== ctrl) return; // Closed on purpose, or replaced.
      if (outcome === 'refused') {
        // A page without a session stays refused until it is opened with the printed URL.
        setState('expired');
        return;
      }
      setState('lost');
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        if (stream === ctrl) open();
      }, reconnectDelayMs);
    });
  }

  function closeIfUnused(): void {
    for (const set of listeners.values()) if (set.size > 0) return;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    stream?.abort();
    stream = null;
    state = null;
  }

  return function on<E extends ConsoleEvent>(
    event: E,
    listener: (payload: ConsoleEvents[E]) => void,
  ) {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const entry = listener as (payload: never) => void;
    set.add(entry);
    if (!stream) open();
    return () => {
      set.delete(entry);
      closeIfUnused();
    };
  };
}
