/**
 * Events across processes. The scheduler publishes syncRunUpdated / orderUpdated /
 * integrationHealth on a shared bus (PostgreSQL LISTEN/NOTIFY by default, Redis when
 * REDIS_URL is set); every API process subscribes once per event name and fans the
 * events out in-process to its GraphQL subscribers, keyed by integration.
 */
import { setMaxListeners } from 'node:events';
import { createPubSub } from 'graphql-yoga';
import { EventPayloads, type EventName, type EventPayload } from '@megzo/domain';
import type { Logger } from './logger.ts';

import type { EventBus } from '@megzo/db/events';

export type { EventBus };

export const RELAYED_EVENTS = ['syncRunUpdated', 'orderUpdated', 'integrationHealth', 'mappingPublished'] as const;
type Relayed = (typeof RELAYED_EVENTS)[number];

type LocalTopics = {
  [K in Relayed]: [integrationOrMappingKey: string, payload: EventPayload<K>];
};

export interface EventHub {
  /** Publish on the bus (reaches every API process, including this one). */
  publish<K extends EventName>(name: K, payload: EventPayload<K>): Promise<void>;
  /** Events of one integration (or, for mappingPublished, one tenant) received by this process. */
  subscribe<K extends Relayed>(name: K, key: string): AsyncIterable<EventPayload<K>>;
  onEvent(listener: (name: Relayed, payload: EventPayload<Relayed>) => void): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

function keyOf(name: Relayed, payload: EventPayload<Relayed>): string {
  return name === 'mappingPublished' ? payload.tenantId : (payload as { integrationId: string }).integrationId;
}

export function createEventHub(bus: EventBus, logger: Logger): EventHub {
  // Thousands of subscribers may listen to one integration: no listener cap on the local target.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  const local = createPubSub<LocalTopics>({ eventTarget: eventTarget as never });
  const unsubscribers: (() => Promise<void> | void)[] = [];
  const listeners: ((name: Relayed, payload: EventPayload<Relayed>) => void)[] = [];
  return {
    publish: (name, payload) => bus.publish(name, EventPayloads[name].parse(payload) as EventPayload<typeof name>),
    subscribe<K extends Relayed>(name: K, key: string) {
      return (local.subscribe as (n: string, k: string) => AsyncIterable<unknown>)(name, key) as AsyncIterable<EventPayload<K>>;
    },
    onEvent(listener) {
      listeners.push(listener);
    },
    async start() {
      for (const name of RELAYED_EVENTS) {
        const off = await bus.subscribe(name, (raw) => {
          const parsed = EventPayloads[name].safeParse(raw);
          if (!parsed.success) {
            logger.warn({ event: name, issues: parsed.error.issues }, 'dropped a malformed event');
            return;
          }
          const payload = parsed.data as EventPayload<Relayed>;
          for (const l of listeners) l(name, payload);
          (local.publish as (n: string, k: string, p: unknown) => void)(name, keyOf(name, payload), payload);
        });
        unsubscribers.push(off);
      }
    },
    async close() {
      for (const off of unsubscribers.splice(0)) await off();
      await bus.close();
    },
  };
}
