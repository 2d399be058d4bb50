/**
 * graphql-ws on the same HTTP server and path as Yoga (`/graphql`). Operations run
 * through yoga.getEnveloped, so they get the same schema, context, limits and
 * validation as HTTP. The connection is authenticated once: by `connectionParams`
 * (`{ authorization: "Bearer mgz_…" }`) or by the studio's session cookie on the
 * upgrade request (only from the studio's origin, against cross-site WebSocket hijacking).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { AppDeps } from './deps.ts';
import type { Principal } from './auth/principal.ts';
import type { Credentials } from './auth/authenticate.ts';
import type { ServerContext } from './context.ts';
import type { Yoga } from './yoga.ts';
import { studioOrigins } from './auth/cookies.ts';

type WsExtra = Record<PropertyKey, unknown> & {
  principal?: Principal;
  counted?: boolean;
  credentials?: Credentials;
};

interface Enveloped {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

export function attachGraphqlWs(server: Server, yoga: Yoga, deps: AppDeps): { close(): Promise<void> } {
  const allowedOrigins = studioOrigins(deps.config.studioOrigin);
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: deps.config.bodyLimit });
  const disposable = useServer<Record<string, unknown>, WsExtra>(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args) as never,
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args) as never,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const raw = params.authorization ?? params.Authorization ?? params.token;
        const request = ctx.extra.request;
        let credentials: Credentials;
        if (typeof raw === 'string' && raw) {
          const authorization = /^Bearer\s/i.test(raw) ? raw : `Bearer ${raw}`;
          credentials = { authorization, cookie: null, csrfHeader: null, requireCsrf: false };
        } else {
          // Cookie sign-in: a CSRF token in connectionParams proves the page read our cookie;
          // without one, only the studio's origin (or a non-browser client) may connect.
          const csrf = typeof params.csrfToken === 'string' && params.csrfToken ? params.csrfToken : null;
          const origin = request.headers.origin;
          if (!csrf && origin && !allowedOrigins.includes(origin)) {
            ctx.extra.socket.close(4403, `Forbidden: cookie sign-in over WebSocket only from ${deps.config.studioOrigin}`);
            return false;
          }
          credentials = { authorization: null, cookie: request.headers.cookie ?? null, csrfHeader: csrf, requireCsrf: csrf !== null };
        }
        const result = await deps.authenticator.authenticate(credentials);
        if (!result.principal) {
          const reason = result.problem ?? 'Not signed in: send connectionParams.authorization or the session cookie';
          ctx.extra.socket.close(4403, `Forbidden: ${reason}`.slice(0, 120));
          return false;
        }
        ctx.extra.principal = result.principal;
        ctx.extra.credentials = credentials;
        ctx.extra.counted = true;
        deps.metrics.wsConnections.inc();
        return true;
      },
      onClose: (ctx) => {
        if (ctx.extra.counted) deps.metrics.wsConnections.dec();
      },
      onSubscribe: async (ctx, _id, payload) => {
        let query = payload.query;
        const persisted = (payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
        if (!query && typeof persisted === 'string') query = deps.config.persistedOperations.get(persisted) ?? '';
        if (!query) return [createGraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })];
        if (!deps.config.allowArbitraryOperations && !persisted)
          return [createGraphQLError('Only persisted operations are accepted', { extensions: { code: 'PERSISTED_ONLY' } })];
        // Re-check the credentials for every new operation: a signed-out session or a
        // revoked key cannot start subscriptions on a connection opened before.
        const again = ctx.extra.credentials ? await deps.authenticator.authenticate(ctx.extra.credentials) : { principal: null, problem: null };
        if (!again.principal)
          return [createGraphQLError(again.problem ?? 'Not signed in', { extensions: { code: 'UNAUTHENTICATED' } })];
        const serverContext: ServerContext = {
          requestId: randomUUID(),
          ip: ctx.extra.request.socket.remoteAddress ?? '',
          responseCookies: [],
          transport: 'ws',
          principal: again.principal,
          authProblem: null,
        };
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...serverContext,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        let document;
        try {
          document = parse(query);
        } catch (e) {
          return [e instanceof Error && e.name === 'GraphQLError' ? (e as GraphQLError) : createGraphQLError('Syntax error in the document')];
        }
        const errors = validate(schema, document);
        if (errors.length) return errors;
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    wss,
  );
  return {
    async close() {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
