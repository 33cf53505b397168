// Part of the Electron stand-in (../README.md): the main process's line to the desktop suite's
// harness, which plays the renderer processes (Chromium pages) and the user. Node's IPC channel
// with `serialization: 'advanced'` carries structured clones, as Electron's IPC does.
import { EventEmitter } from 'node:events';
import type { FromHarness, ToHarness } from '../protocol';

if (!process.send) {
  throw new Error(
    'The Electron stand-in runs only under the desktop suite (npm run test:desktop); ' +
      'it needs the harness on an IPC channel.',
  );
}

const inbox = new EventEmitter();
process.on('message', (msg: FromHarness) => inbox.emit(msg.t, msg));
// The harness's channel must not keep the app alive once main quits.
process.channel?.unref();

export function tell(msg: ToHarness): void {
  process.send?.(msg);
}

export function onHarness<T extends FromHarness['t']>(
  type: T,
  handler: (msg: Extract<FromHarness, { t: T }>) => void,
): void {
  inbox.on(type, handler);
}

let nextId = 0;
export const newId = (): number => ++nextId;

/** Asks the harness and waits for its answer (e.g. a dialog's response). */
export function ask<T extends FromHarness['t']>(
  msg: ToHarness & { id: number },
  answer: T,
): Promise<Extract<FromHarness, { t: T }>> {
  return new Promise((resolve) => {
    const handler = (reply: Extract<FromHarness, { t: T }>): void => {
      if ((reply as { id?: number }).id !== msg.id) return;
      inbox.off(answer, handler);
      resolve(reply);
    };
    inbox.on(answer, handler);
    tell(msg);
  });
}

/** An Electron event object: handlers may call preventDefault(). */
export class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/**
 * Wraps a stand-in object so that using a member Electron has but the stand-in does not imitate
 * throws at once, instead of main silently getting `undefined`.
 */
export function strict<T extends object>(what: string, target: T): T {
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'symbol' || prop === 'then' || prop in t) {
        // Getters and methods run on the target, so they reach its private fields.
        const value = Reflect.get(t, prop, t) as unknown;
        // Methods bound for the same reason.
        return typeof value === 'function' && prop !== 'constructor'
          ? (value as (...a: unknown[]) => unknown).bind(t)
          : value;
      }
      throw new Error(`Electron stand-in: ${what}.${prop} is not imitated`);
    },
  });
}

/**
 * A stand-in class as main sees it: `new X(…)` gives a strict instance, and a static member the
 * stand-in does not imitate throws, like a missing instance member does.
 */
export function strictClass<C extends abstract new (...args: never[]) => object>(
  what: string,
  impl: C,
): C {
  return new Proxy(impl, {
    construct(target, args: unknown[]) {
      return strict(what, Reflect.construct(target, args) as object);
    },
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop in target)
        return Reflect.get(target, prop, receiver) as unknown;
      throw new Error(`Electron stand-in: ${what}.${prop} is not imitated`);
    },
  });
}
