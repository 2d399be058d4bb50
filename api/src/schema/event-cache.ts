/**
 * One database read per event and selection, shared by every subscriber of this process:
 * with 1,000 studio tabs on one integration, a syncRunUpdated event costs one query,
 * not 1,000. The event object is the same reference for all local subscribers.
 */
const cache = new WeakMap<object, Map<string, Promise<unknown>>>();

export function sharedPerEvent<T>(event: object, key: unknown, load: () => Promise<T>): Promise<T> {
  let perEvent = cache.get(event);
  if (!perEvent) {
    perEvent = new Map();
    cache.set(event, perEvent);
  }
  const k = JSON.stringify(key);
  let p = perEvent.get(k) as Promise<T> | undefined;
  if (!p) {
    p = load();
    perEvent.set(k, p);
    p.catch(() => perEvent.delete(k));
  }
  return p;
}
