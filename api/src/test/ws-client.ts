/** The official graphql-ws client over `ws`, with helpers to await the next events. */
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

export interface WsOptions {
  apiKey?: string;
  cookie?: string;
  csrf?: string;
  origin?: string;
}

export function wsClient(url: string, o: WsOptions = {}): Client {
  const headers: Record<string, string> = {};
  if (o.cookie) headers.cookie = o.cookie;
  if (o.origin) headers.origin = o.origin;
  class AuthedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({
    url,
    webSocketImpl: AuthedWebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: () => ({ ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}), ...(o.csrf ? { csrfToken: o.csrf } : {}) }),
  });
}

export interface Subscription<T> {
  next(timeoutMs?: number): Promise<T>;
  /** Resolves with the error (GraphQL errors array or a close event) the subscription ended with. */
  error(timeoutMs?: number): Promise<unknown>;
  /** True when no event arrived within `ms`. */
  quiet(ms: number): Promise<boolean>;
  dispose(): void;
}

export function subscribe<T = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {}): Subscription<T> {
  const queue: T[] = [];
  const waiters: ((v: T) => void)[] = [];
  let failure: unknown;
  let failed: ((e: unknown) => void) | undefined;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        if (v.errors?.length) {
          failure = v.errors;
          failed?.(v.errors);
          return;
        }
        const data = v.data as T;
        const w = waiters.shift();
        if (w) w(data);
        else queue.push(data);
      },
      error: (e) => {
        failure = e;
        failed?.(e);
      },
      complete: () => undefined,
    },
  );
  const timeout = <R>(ms: number, what: string) =>
    new Promise<R>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms).unref());
  return {
    next(ms = 5_000) {
      const v = queue.shift();
      if (v !== undefined) return Promise.resolve(v);
      return Promise.race([new Promise<T>((resolve) => waiters.push(resolve)), timeout<T>(ms, 'event')]);
    },
    error(ms = 5_000) {
      if (failure !== undefined) return Promise.resolve(failure);
      return Promise.race([new Promise((resolve) => (failed = resolve)), timeout(ms, 'error')]);
    },
    async quiet(ms) {
      try {
        await this.next(ms);
        return false;
      } catch {
        return true;
      }
    },
    dispose,
  };
}
