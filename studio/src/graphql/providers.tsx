'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { Client, Provider, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { wsUrl } from '@/lib/env';
import { getCsrfToken } from './csrf';

function makeClient(url: string): Client {
  const ws =
    typeof window === 'undefined'
      ? null
      : createWsClient({
          url: wsUrl(url),
          lazy: true,
          retryAttempts: Infinity,
          shouldRetry: () => true,
          connectionParams: () => ({ csrfToken: getCsrfToken() }),
        });
  return new Client({
    url,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => {
      const token = getCsrfToken();
      const headers: Record<string, string> = {};
      if (token) headers['x-csrf-token'] = token;
      return { credentials: 'include', headers } satisfies RequestInit;
    },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        isSubscriptionOperation: (op) => op.kind === 'subscription',
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              if (!ws) return { unsubscribe: () => undefined };
              const dispose = ws.subscribe(input, sink);
              return { unsubscribe: dispose };
            },
          };
        },
      }),
    ],
  });
}

const ApiUrlContext = createContext<string>('');

/** Absolute URL of a path served by the API (invoice PDFs, labels). */
export function useApiHref(): (path: string | null | undefined) => string | null {
  const api = useContext(ApiUrlContext);
  return (path) => (path ? new URL(path, api).toString() : null);
}

/** `url` is resolved on the server at request time, so one build serves any API address. */
export function GraphQLProvider({ url, children }: { url: string; children: ReactNode }) {
  const client = useMemo(() => makeClient(url), [url]);
  return (
    <ApiUrlContext.Provider value={url}>
      <Provider value={client}>{children}</Provider>
    </ApiUrlContext.Provider>
  );
}
