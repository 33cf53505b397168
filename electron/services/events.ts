// A typed event bus for ConsoleEvents: the services publish, each host forwards to its clients.
import type { ConsoleEvent, ConsoleEvents } from '../../shared/api';

type Listener<E extends ConsoleEvent> = (payload: ConsoleEvents[E]) => void;

export class ConsoleEventBus {
  private readonly listeners = new Map<ConsoleEvent, Set<(payload: never) => void>>();

  on<E extends ConsoleEvent>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends ConsoleEvent>(event: E, payload: ConsoleEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<E>)(payload);
      } catch {
        // One broken subscriber (a closed SSE stream, a destroyed window) must not stop the others.
      }
    }
  }
}
