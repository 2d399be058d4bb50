/**
 * buildApp(deps) → { server, start(port), stop() }: one node:http server with
 * /graphql (Yoga over HTTP + graphql-ws), /hooks/:integrationId/:source, /healthz,
 * /readyz and /metrics. Every request gets a request id (x-request-id) and one JSON log line.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import type { AppDeps } from './deps.ts';
import type { ServerContext } from './context.ts';
import { createYogaServer, type Yoga } from './yoga.ts';
import { attachGraphqlWs } from './ws.ts';
import { PayloadTooLargeError, header, readBody, sendJson, sendResponse, toHeaders } from './http/node.ts';
import { healthz, metrics, readyz } from './http/ops.ts';
import { handleWebhook } from './http/webhooks.ts';
import { handleFile } from './http/files.ts';
import { CSRF_HEADER } from './auth/cookies.ts';
import { schema as defaultSchema } from './schema/index.ts';

export interface App {
  server: Server;
  yoga: Yoga;
  start(port?: number, host?: string): Promise<{ port: number; url: string }>;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function buildApp(deps: AppDeps, schema: GraphQLSchema = defaultSchema): App {
  const yoga = createYogaServer(schema, deps);
  const { logger } = deps;

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const method = req.method ?? 'GET';
    let body: Buffer | undefined;
    if (method === 'POST') {
      try {
        body = await readBody(req, deps.config.bodyLimit);
      } catch (e) {
        if (e instanceof PayloadTooLargeError) {
          return sendJson(res, 413, { errors: [{ message: e.message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        }
        throw e;
      }
    }
    const auth =
      method === 'OPTIONS'
        ? { principal: null, problem: null }
        : await deps.authenticator.authenticate({
            authorization: header(req, 'authorization'),
            cookie: header(req, 'cookie'),
            csrfHeader: header(req, CSRF_HEADER),
            requireCsrf: method !== 'GET',
          });
    const serverContext: ServerContext = {
      requestId,
      ip: req.socket.remoteAddress ?? '',
      responseCookies: [],
      transport: 'http',
      principal: auth.principal,
      authProblem: auth.problem,
    };
    const request = new Request(url, { method, headers: toHeaders(req), body: body && body.length ? (body as unknown as BodyInit) : undefined });
    const response = await yoga.handleRequest(request, serverContext);
    await sendResponse(res, response, serverContext.responseCookies);
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const incoming = header(req, 'x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const path = url.pathname;
    const route = path === '/graphql' ? '/graphql' : path.startsWith('/hooks/') ? '/hooks' : path.startsWith('/files/') ? '/files' : path;
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      const known = ['/graphql', '/hooks', '/files', '/healthz', '/readyz', '/metrics'].includes(route) ? route : 'other';
      deps.metrics.httpRequests.inc({ method: req.method ?? '', route: known, status: String(res.statusCode) });
      deps.metrics.httpDuration.observe({ method: req.method ?? '', route: known }, seconds);
      logger.info(
        { requestId, method: req.method, path, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10 },
        'request',
      );
    });
    const handle = async () => {
      if (path === '/graphql') return graphql(req, res, url, requestId);
      if (path.startsWith('/hooks/')) return handleWebhook(req, res, deps, path);
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 404, { error: `No route for ${req.method} ${path}` });
      if (path === '/healthz') return healthz(res);
      if (path === '/readyz') return readyz(res, deps);
      if (path === '/metrics') return metrics(res, deps);
      if (path.startsWith('/files/')) return handleFile(req, res, deps, path);
      return sendJson(res, 404, { error: `No route for ${req.method} ${path}` });
    };
    handle().catch((err: unknown) => {
      logger.error({ err, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error', requestId });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  // graphql-ws attaches once the port is ours (a busy port is reported once, by start()).
  let ws: ReturnType<typeof attachGraphqlWs> | undefined;

  return {
    server,
    yoga,
    start(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException) => {
          reject(
            err.code === 'EADDRINUSE'
              ? new PortInUseError(`port ${port} is already in use (API_PORT); stop what uses it or set API_PORT to another port`)
              : err,
          );
        };
        server.once('error', onError);
        server.listen(port, host, () => {
          server.off('error', onError);
          ws ??= attachGraphqlWs(server, yoga, deps);
          const addr = server.address() as AddressInfo;
          const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          resolve({ port: addr.port, url: `http://${shownHost}:${addr.port}` });
        });
      });
    },
    async stop() {
      await ws?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
