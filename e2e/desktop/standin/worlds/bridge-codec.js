// Part of the Electron stand-in (see ../README.md). Runs inside a page's JavaScript worlds — the
// preload's isolated world and the page's main world — in Chromium, or in two Node vm contexts in
// the unit test. It is the stand-in for contextBridge's value copying, following
// https://www.electronjs.org/docs/latest/api/context-bridge#parameter--error--return-type-support:
// strings, numbers, booleans, arrays and plain objects are copied (prototypes dropped); of the
// "Cloneable Types" (structured clone) the typed arrays ConsoleApi sends, Float64Array and
// Uint8Array, are copied as themselves; functions and promises are proxied; an Error keeps only
// its message; symbols cannot cross.
// Worlds share only the DOM, so each message is a JSON string in a CustomEvent's detail,
// dispatched synchronously on `document` — which keeps proxied calls synchronous, as the real
// bridge is.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- pasted into the world scripts
function createBridgeEnd(ownEvent, peerEvent, label) {
  const local = new Map(); // id -> function | promise kept alive for the other world
  const pending = new Map(); // promise id -> {resolve, reject} of promises proxied from the peer
  const replies = new Map(); // call seq -> reply sink
  let nextId = 0;
  let handlers = {};

  const send = (msg) =>
    document.dispatchEvent(new CustomEvent(peerEvent, { detail: JSON.stringify(msg) }));
  const messageOf = (err) => (err && typeof err.message === 'string' ? err.message : String(err));

  function encode(value) {
    if (value === undefined) return { $u: 1 };
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
    if (typeof value === 'symbol') throw new TypeError('A symbol cannot cross the context bridge.');
    if (typeof value === 'function') {
      const id = `${label}:${++nextId}`;
      local.set(id, value);
      return { $f: id };
    }
    if (value instanceof Promise) {
      const id = `${label}:${++nextId}`;
      value.then(
        (v) => send({ op: 'settle', id, ok: true, value: encode(v) }),
        (e) => send({ op: 'settle', id, ok: false, error: messageOf(e) }),
      );
      return { $p: id };
    }
    if (value instanceof Error) return { $e: value.message };
    // By tag, not instanceof: the worlds are realms of their own.
    const tag = Object.prototype.toString.call(value);
    if (tag === '[object Float64Array]' || tag === '[object Uint8Array]') {
      const items = Array.from(value, (n) => (Number.isFinite(n) ? n : String(n)));
      return { $ta: tag.slice(8, -1), v: items }; // as ../wire.ts names them
    }
    if (Array.isArray(value)) return value.map(encode);
    const out = {};
    for (const key of Object.keys(value)) out[key] = encode(value[key]);
    return { $o: out };
  }

  function decode(value) {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(decode);
    if ('$u' in value) return undefined;
    if ('$num' in value) return Number(value.$num);
    if ('$e' in value) return new Error(value.$e);
    if (Object.hasOwn(value, '$ta'))
      return (value.$ta === 'Float64Array' ? Float64Array : Uint8Array).from(value.v, Number);
    if ('$f' in value) {
      const id = value.$f;
      return function proxiedFunction(...args) {
        const seq = `${label}:${++nextId}`;
        let reply = null;
        replies.set(seq, (r) => (reply = r));
        try {
          send({ op: 'call', seq, fn: id, args: args.map(encode) });
        } finally {
          replies.delete(seq);
        }
        if (!reply) throw new Error('Electron stand-in: the other world did not answer.');
        if (!reply.ok) throw new Error(reply.error);
        return decode(reply.value);
      };
    }
    if ('$p' in value) {
      return new Promise((resolve, reject) => pending.set(value.$p, { resolve, reject }));
    }
    const out = {};
    for (const key of Object.keys(value.$o)) out[key] = decode(value.$o[key]);
    return out;
  }

  document.addEventListener(ownEvent, (event) => {
    const msg = JSON.parse(event.detail);
    if (msg.op === 'call') {
      const fn = local.get(msg.fn);
      let reply;
      try {
        if (!fn) throw new Error('Electron stand-in: that function is gone.');
        reply = { op: 'reply', seq: msg.seq, ok: true, value: encode(fn(...msg.args.map(decode))) };
      } catch (err) {
        reply = { op: 'reply', seq: msg.seq, ok: false, error: messageOf(err) };
      }
      send(reply);
    } else if (msg.op === 'reply') {
      replies.get(msg.seq)?.(msg);
    } else if (msg.op === 'settle') {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (p && msg.ok) p.resolve(decode(msg.value));
      else if (p) p.reject(new Error(msg.error));
    } else if (handlers[msg.op]) {
      handlers[msg.op](msg);
    }
  });

  return {
    send,
    encode,
    decode,
    on(op, handler) {
      handlers = { ...handlers, [op]: handler };
    },
  };
}
