/**
 * The cross-process event bus for the typed event map of @megzo/domain (events.ts),
 * over PostgreSQL LISTEN/NOTIFY: the scheduler publishes, every API process
 * subscribes. One channel per event name (`megzo.<name>`), JSON payloads validated
 * with the domain's zod schemas on both sides.
 *
 * NOTIFY is fire-and-forget: events published while a listener is reconnecting are
 * lost. Payloads carry ids and subscribers re-read rows, so a missed event only
 * delays a screen refresh. `EventBus` is the interface a Redis transport implements.
 */
import pg from 'pg';
import { EventPayloads, type EventName, type EventPayload } from '@megzo/domain';

export type EventHandler<K extends EventName> = (payload: EventPayload<K>) => void | Promise<void>;
export type Unsubscribe = () => Promise<void>;

export interface EventBus {
  /** Validate and send to every subscriber in every process (including this one). */
  publish<K extends EventName>(name: K, payload: EventPayload<K>): Promise<void>;
  /** Resolves once the subscription is active; returns its unsubscribe function. */
  subscribe<K extends EventName>(name: K, handler: EventHandler<K>): Promise<Unsubscribe>;
  close(): Promise<void>;
}

export interface PgEventBusOptions {
  /** Called for dropped malformed events, handler failures and connection trouble. */
  onError?: (error: Error, context: { event?: string; phase: 'parse' | 'handler' | 'listen' | 'reconnect' }) => void;
  /** First reconnect delay in ms (doubles up to 5 s). Default 100. */
  reconnectDelayMs?: number;
}

/** NOTIFY payloads are limited to 8000 bytes. */
const MAX_PAYLOAD_BYTES = 7900;
const CHANNEL_PREFIX = 'megzo.';

function channelOf(name: string): string {
  return `${CHANNEL_PREFIX}${name}`;
}

function validate<K extends EventName>(name: K, payload: unknown): EventPayload<K> {
  const schema = EventPayloads[name];
  if (!schema) throw new RangeError(`unknown event "${String(name)}"`);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(`event ${name}: ${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data as EventPayload<K>;
}

type AnyHandler = (payload: unknown) => void | Promise<void>;

export function createPgEventBus(url: string, opts: PgEventBusOptions = {}): EventBus {
  const onError = opts.onError ?? (() => {});
  const publisher = new pg.Pool({ connectionString: url, max: 2 });
  publisher.on('error', (e) => onError(e, { phase: 'reconnect' }));
  const handlers = new Map<EventName, Set<AnyHandler>>();
  let listener: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let delay = opts.reconnectDelayMs ?? 100;

  const dispatch = (msg: pg.Notification) => {
    if (!msg.channel.startsWith(CHANNEL_PREFIX)) return;
    const name = msg.channel.slice(CHANNEL_PREFIX.length) as EventName;
    const set = handlers.get(name);
    if (!set || set.size === 0) return;
    let payload: unknown;
    try {
      payload = validate(name, JSON.parse(msg.payload ?? 'null'));
    } catch (e) {
      onError(e as Error, { event: name, phase: 'parse' });
      return;
    }
    for (const h of [...set]) {
      Promise.resolve()
        .then(() => h(payload))
        .catch((e: unknown) => onError(e instanceof Error ? e : new Error(String(e)), { event: name, phase: 'handler' }));
    }
  };

  const connect = (): Promise<pg.Client> => {
    if (listener) return Promise.resolve(listener);
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString: url });
      client.on('notification', dispatch);
      client.on('error', (e) => {
        onError(e, { phase: 'listen' });
        drop(client);
      });
      client.on('end', () => drop(client));
      try {
        await client.connect();
        for (const name of handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channelOf(name))}`);
      } catch (e) {
        client.removeAllListeners('end');
        await client.end().catch(() => {});
        throw e;
      }
      if (closed) {
        await client.end().catch(() => {});
        throw new Error('event bus is closed');
      }
      listener = client;
      delay = opts.reconnectDelayMs ?? 100;
      return client;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  const scheduleReconnect = () => {
    if (closed || handlers.size === 0) return;
    setTimeout(() => {
      if (closed || listener) return;
      connect().catch((e: unknown) => {
        onError(e as Error, { phase: 'reconnect' });
        delay = Math.min(delay * 2, 5000);
        scheduleReconnect();
      });
    }, delay).unref();
  };

  function drop(client: pg.Client) {
    if (listener !== client) return;
    listener = undefined;
    client.end().catch(() => {});
    scheduleReconnect();
  }

  return {
    async publish(name, payload) {
      if (closed) throw new Error('event bus is closed');
      const text = JSON.stringify(validate(name, payload));
      if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
        throw new RangeError(`event ${name}: payload is ${Buffer.byteLength(text)} bytes; NOTIFY allows < 8000 (send ids, not rows)`);
      }
      await publisher.query('SELECT pg_notify($1, $2)', [channelOf(name), text]);
    },

    async subscribe(name, handler) {
      if (closed) throw new Error('event bus is closed');
      if (!EventPayloads[name]) throw new RangeError(`unknown event "${String(name)}"`);
      let set = handlers.get(name);
      const first = !set;
      if (!set) {
        set = new Set();
        handlers.set(name, set);
      }
      set.add(handler as AnyHandler);
      try {
        const client = await connect();
        if (first) {
          // LISTEN is idempotent; a fresh connection has listened already.
          await client.query(`LISTEN ${pg.escapeIdentifier(channelOf(name))}`);
        }
      } catch (e) {
        set.delete(handler as AnyHandler);
        if (set.size === 0 && handlers.get(name) === set) handlers.delete(name);
        throw e;
      }
      return async () => {
        const s = handlers.get(name);
        if (!s?.delete(handler as AnyHandler) || s.size > 0) return;
        handlers.delete(name);
        await listener?.query(`UNLISTEN ${pg.escapeIdentifier(channelOf(name))}`).catch(() => {});
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      const client = listener ?? (await connecting?.catch(() => undefined));
      listener = undefined;
      if (client) {
        client.removeAllListeners('end');
        await client.end().catch(() => {});
      }
      await publisher.end();
    },
  };
}

/** The same contract inside one process (unit tests, single-process tools). */
export function createInMemoryEventBus(): EventBus {
  const handlers = new Map<EventName, Set<AnyHandler>>();
  let closed = false;
  return {
    async publish(name, payload) {
      if (closed) throw new Error('event bus is closed');
      const valid = validate(name, payload);
      for (const h of [...(handlers.get(name) ?? [])]) await h(structuredClone(valid));
    },
    async subscribe(name, handler) {
      if (!EventPayloads[name]) throw new RangeError(`unknown event "${String(name)}"`);
      const set = handlers.get(name) ?? new Set();
      handlers.set(name, set);
      set.add(handler as AnyHandler);
      return async () => {
        set.delete(handler as AnyHandler);
      };
    },
    async close() {
      closed = true;
      handlers.clear();
    },
  };
}
