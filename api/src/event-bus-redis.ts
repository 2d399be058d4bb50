/** The Redis transport for events (REDIS_URL): one channel per event name, JSON payloads. */
import { Redis } from 'ioredis';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { EventName, EventPayload } from '@megzo/domain';
import type { EventBus } from './events.ts';

export function createRedisEventBus(url: string): EventBus {
  const publishClient = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const target = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    async publish<K extends EventName>(name: K, payload: EventPayload<K>) {
      target.dispatchEvent(new CustomEvent(name, { detail: payload }));
    },
    async subscribe<K extends EventName>(name: K, handler: (payload: EventPayload<K>) => void) {
      const listener = (event: Event) => handler((event as CustomEvent<EventPayload<K>>).detail);
      target.addEventListener(name, listener);
      return async () => target.removeEventListener(name, listener);
    },
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
