/**
 * The Redis transport for events (REDIS_URL), through @graphql-yoga/redis-event-target:
 * one Redis channel per event name (`syncRunUpdated`, …), JSON payloads validated with
 * the domain's schemas on receipt. A publisher in another process (the scheduler)
 * PUBLISHes `JSON.stringify(payload)` on the channel named after the event.
 */
import { Redis } from 'ioredis';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { EventPayloads, type EventName, type EventPayload } from '@megzo/domain';
import type { EventBus } from './events.ts';

type RedisLike = Parameters<typeof createRedisEventTarget>[0]['publishClient'];

export function createRedisEventBus(
  target: string | { publishClient: RedisLike; subscribeClient: RedisLike },
  onError: (err: Error, event: string) => void = () => undefined,
): EventBus {
  const clients =
    typeof target === 'string'
      ? { publishClient: new Redis(target, { maxRetriesPerRequest: 3 }), subscribeClient: new Redis(target, { maxRetriesPerRequest: 3 }) }
      : target;
  const eventTarget = createRedisEventTarget(clients);
  return {
    async publish<K extends EventName>(name: K, payload: EventPayload<K>) {
      const valid = EventPayloads[name].parse(payload);
      eventTarget.dispatchEvent(new CustomEvent(name, { detail: valid }));
    },
    async subscribe<K extends EventName>(name: K, handler: (payload: EventPayload<K>) => void) {
      const listener = (event: Event) => {
        const parsed = EventPayloads[name].safeParse((event as CustomEvent<unknown>).detail);
        if (parsed.success) handler(parsed.data as EventPayload<K>);
        else onError(new Error(parsed.error.issues[0]?.message ?? 'invalid event'), name);
      };
      eventTarget.addEventListener(name, listener);
      return async () => eventTarget.removeEventListener(name, listener);
    },
    async close() {
      (clients.publishClient as { disconnect(): void }).disconnect();
      (clients.subscribeClient as { disconnect(): void }).disconnect();
    },
  };
}
