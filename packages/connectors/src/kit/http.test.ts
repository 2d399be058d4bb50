import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, RecordError, SystemError, TransientError } from '@megzo/domain';
import { HttpClient } from './http.ts';
import { LimiterRegistry } from './limiter.ts';
import { bearerTokenAuth } from './auth.ts';
import { json, startFakeServer } from '../testing/fake-server.ts';

let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

async function setup(handler: Parameters<typeof startFakeServer>[0], opts: { rps?: number; maxConcurrent?: number; timeoutMs?: number; retries?: number } = {}) {
  const srv = await startFakeServer(handler);
  closers.push(srv.close);
  const registry = new LimiterRegistry();
  const limiter = registry.get('test', srv.url, { requestsPerSecond: opts.rps ?? 1000, maxConcurrent: opts.maxConcurrent ?? 4 });
  const http = new HttpClient({ source: 'test', baseUrl: srv.url, limiter, retry: { retries: opts.retries ?? 3, minDelayMs: 10, maxDelayMs: 50 }, timeoutMs: opts.timeoutMs ?? 5000 });
  return { srv, http, limiter, registry };
}

describe('HttpClient', () => {
  it('retries a 429 after the Retry-After window and blocks the credential meanwhile', async () => {
    const { srv, http } = await setup((req, res, n) => (n === 1 ? json(res, 429, { error: 'slow down' }, { 'Retry-After': '1' }) : json(res, 200, { ok: n })));
    const first = http.request({ method: 'GET', path: '/a', schema: z.object({ ok: z.number() }) });
    await new Promise((r) => setTimeout(r, 100));
    const second = http.request({ method: 'GET', path: '/b' });
    await Promise.all([first, second]);
    expect(srv.seen).toHaveLength(3);
    const t429 = srv.seen[0]!.at;
    for (const later of srv.seen.slice(1)) expect(later.at - t429).toBeGreaterThanOrEqual(950);
  });

  it('classifies 401 as ConfigError without retrying', async () => {
    const { srv, http } = await setup((_req, res) => json(res, 401, { description: 'no' }));
    await expect(http.request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(ConfigError);
    expect(srv.seen).toHaveLength(1);
  });

  it('classifies 422 as RecordError and 5xx as TransientError after retries', async () => {
    const a = await setup((_req, res) => json(res, 422, { message: 'bad' }));
    await expect(a.http.request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(RecordError);
    const b = await setup((_req, res) => json(res, 502, { message: 'down' }), { retries: 2 });
    await expect(b.http.request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(TransientError);
    expect(b.srv.seen).toHaveLength(3);
  });

  it('turns an unexpected shape into a SystemError naming the path', async () => {
    const { http } = await setup((_req, res) => json(res, 200, { items: [{ code: 'A' }, { code: 7 }] }));
    const err = await http.request({ method: 'GET', path: '/x', schema: z.object({ items: z.array(z.object({ code: z.string() })) }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SystemError);
    expect((err as SystemError).path).toBe('items[1].code');
  });

  it('times out into a TransientError', async () => {
    const { http } = await setup((_req, res) => void setTimeout(() => json(res, 200, {}), 500), { timeoutMs: 100, retries: 0 });
    const err = await http.request({ method: 'GET', path: '/slow' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as TransientError).code).toBe('TIMEOUT');
  });

  it('does not replay a non-idempotent write after a lost response, but does with an idempotency key', async () => {
    const drop = (_req: unknown, res: { socket: { destroy(): void } | null }, n: number, ok: (n: number) => void) => (n === 1 ? res.socket?.destroy() : ok(n));
    const a = await setup((req, res, n) => drop(req, res, n, () => json(res, 201, { id: n })));
    await expect(a.http.request({ method: 'POST', path: '/orders', json: { x: 1 } })).rejects.toBeInstanceOf(TransientError);
    expect(a.srv.seen).toHaveLength(1);
    const b = await setup((req, res, n) => drop(req, res, n, () => json(res, 201, { id: n })));
    const ok = await b.http.request({ method: 'POST', path: '/orders', json: { x: 1 }, idempotencyKey: 'k-1' });
    expect(ok.status).toBe(201);
    expect(b.srv.seen.map((s) => s.headers['idempotency-key'])).toEqual(['k-1', 'k-1']);
  });

  it('serves the orders lane before stock, prices and catalog', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { srv, http } = await setup(async (req, res, n) => {
      if (n === 1) await gate;
      json(res, 200, {});
    }, { maxConcurrent: 1 });
    const blocker = http.request({ method: 'GET', path: '/blocker' });
    await new Promise((r) => setTimeout(r, 50));
    const queued = [
      http.request({ method: 'GET', path: '/catalog', lane: 'catalog' }),
      http.request({ method: 'GET', path: '/prices', lane: 'prices' }),
      http.request({ method: 'GET', path: '/stock', lane: 'stock' }),
      http.request({ method: 'GET', path: '/orders', lane: 'orders' }),
    ];
    await new Promise((r) => setTimeout(r, 50));
    release();
    await Promise.all([blocker, ...queued]);
    expect(srv.seen.map((s) => s.url)).toEqual(['/blocker', '/orders', '/stock', '/prices', '/catalog']);
  });

  it('refreshes a bearer token once on 401', async () => {
    let tokens = 0;
    const srv = await startFakeServer((req, res) => (req.headers.authorization === 'Bearer t2' ? json(res, 200, { ok: true }) : json(res, 401, { error: { code: 'TOKEN_EXPIRED' } })));
    closers.push(srv.close);
    const http = new HttpClient({
      source: 'test',
      baseUrl: srv.url,
      limiter: new LimiterRegistry().get('t', 'x', { requestsPerSecond: 100, maxConcurrent: 2 }),
      auth: bearerTokenAuth(async () => ({ accessToken: `t${++tokens}`, expiresInSeconds: 3600 })),
      retry: { retries: 0 },
    });
    const res = await http.request({ method: 'GET', path: '/x' });
    expect(res.status).toBe(200);
    expect(tokens).toBe(2);
  });

  it('shares one limiter per credential across clients', () => {
    const r = new LimiterRegistry();
    const a = r.get('cdon', 'merchant-1', { requestsPerSecond: 5, maxConcurrent: 1 });
    const b = r.get('cdon', 'merchant-1', { requestsPerSecond: 5, maxConcurrent: 1 });
    const c = r.get('cdon', 'merchant-2', { requestsPerSecond: 5, maxConcurrent: 1 });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(a.key).not.toContain('merchant-1');
  });
});
