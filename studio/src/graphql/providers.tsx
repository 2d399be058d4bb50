'use client';

import { useMemo, type ReactNode } from 'react';
import { Client, Provider, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { API_URL, wsUrl } from '@/lib/env';
import { getCsrfToken } from './csrf';

function makeClient(): Client {
  const ws =
    typeof window === 'undefined'
      ? null
      : createWsClient({
          url: wsUrl(API_URL),
          lazy: true,
          retryAttempts: Infinity,
          shouldRetry: () => true,
          connectionParams: () => ({ csrfToken: getCsrfToken() }),
        });
  return new Client({
    url: API_URL,
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

export function GraphQLProvider({ children }: { children: ReactNode }) {
  const client = useMemo(makeClient, []);
  return <Provider value={client}>{children}</Provider>;
}
