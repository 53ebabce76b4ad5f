import type { AnyEvent, EventName, EventPayload } from '../../shared/contract/events';

export type EventListener = (event: AnyEvent) => void;

/** Fan-out of engine events to every host and client. A listener that throws does not stop the others. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = { name, payload } as AnyEvent;
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        console.error(`amelia: an event listener failed on ${name}:`, err);
      }
    }
  }
}
