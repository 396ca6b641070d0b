/** The broker's typed events: subscribe, unsubscribe, emit; a listener's bug never undoes a trade. */
import type { BrokerEvents } from '../broker.js';

type Listeners = { [E in keyof BrokerEvents]: Set<BrokerEvents[E]> };

export class EventHub {
  private readonly listeners: Listeners = { status: new Set(), order: new Set(), fill: new Set() };

  /** Subscribes; returns the unsubscribe function. */
  on<E extends keyof BrokerEvents>(event: E, listener: BrokerEvents[E]): () => void {
    const set = this.listeners[event] as Set<BrokerEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends keyof BrokerEvents>(event: E, ...args: Parameters<BrokerEvents[E]>): void {
    for (const listener of [...this.listeners[event]]) {
      try {
        (listener as (...a: Parameters<BrokerEvents[E]>) => void)(...args);
      } catch (error) {
        // What happened happened; the listener's error is reported, not swallowed.
        process.emitWarning(`paper broker: a ${event} listener threw: ${(error as Error).message}`);
      }
    }
  }
}
