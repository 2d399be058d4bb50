/**
 * The default transport: node:http/https with keep-alive agents, exposed as a fetch-shaped
 * function. Node 20's built-in fetch allocates several times more per response, which
 * matters when streaming 100k records page by page; tests and callers may still inject
 * any fetch through `ConnectorDeps.fetch`. Redirects are never followed (`redirect: 'manual'`).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FetchLike } from './http.ts';

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

function headersOf(res: IncomingMessage): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) h.append(k, item);
    else h.set(k, v);
  }
  return h;
}

export const nodeFetch: FetchLike = (url, init) =>
  new Promise<Response>((resolve, reject) => {
    const u = new URL(url);
    const isHttps = u.protocol === 'https:';
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : undefined;
    const out: Record<string, string> = {};
    headers.forEach((v, k) => {
      out[k] = v;
    });
    if (body) out['content-length'] = String(body.length);
    const req = (isHttps ? httpsRequest : httpRequest)(
      u,
      { method: init.method ?? 'GET', headers: out, agent: isHttps ? httpsAgent : httpAgent, signal: init.signal ?? undefined },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('aborted', () => reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
        res.on('end', () => {
          if (!res.complete) return reject(Object.assign(new Error('response incomplete'), { code: 'ECONNRESET' }));
          const status = res.statusCode ?? 0;
          const nullBody = status === 204 || status === 304 || (status >= 100 && status < 200);
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers: headersOf(res) }));
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
