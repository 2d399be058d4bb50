import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mulberry32, type Rng } from './rng.ts';
import { sleep } from './http.ts';

/**
 * One fault rule. `path` matches a request when the URL path starts with it; it may carry a
 * method prefix ("PUT /api/v2/articles/bulk"). Rates are shares 0..1 drawn from a seeded RNG,
 * so a given seed gives the same sequence every run; `count` limits the rule to the next N
 * matching calls (then it expires), the deterministic "next N calls" mode.
 */
export const faultConfigSchema = z
  .object({
    path: z.string().min(1).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    rate429: z.number().min(0).max(1).optional(),
    retryAfterS: z.number().int().min(0).max(86_400).optional(),
    rate5xx: z.number().min(0).max(1).optional(),
    status5xx: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    resetRate: z.number().min(0).max(1).optional(),
    lostResponseRate: z.number().min(0).max(1).optional(),
    /** Keep the status but truncate the body (a "malformed but 2xx" answer). */
    malformedRate: z.number().min(0).max(1).optional(),
    count: z.number().int().positive().optional(),
    seed: z.number().int().optional(),
  })
  .strict()
  .refine((f) => [f.latencyMs, f.rate429, f.rate5xx, f.resetRate, f.lostResponseRate, f.malformedRate].some((v) => v !== undefined), {
    message: 'a fault needs at least one of latencyMs, rate429, rate5xx, resetRate, lostResponseRate, malformedRate',
  });

export type FaultConfig = z.infer<typeof faultConfigSchema>;

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'reset' }
  | { kind: 'lost' }
  | { kind: 'malformed' }
  | { kind: '429'; retryAfterS: number }
  | { kind: '5xx'; status: number; retryAfterS: number };

export interface FaultDecision {
  latencyMs: number;
  action: FaultAction;
}

interface Rule {
  config: FaultConfig;
  method: string | null;
  prefix: string;
  rng: Rng;
  remaining: number | null;
}

export interface FaultResponses {
  tooMany(retryAfterS: number): unknown;
  serverError(status: number): unknown;
}

function toRule(config: FaultConfig, index: number): Rule {
  let method: string | null = null;
  let prefix = config.path ?? '/';
  const m = /^([A-Z]+)\s+(\S+)$/.exec(prefix);
  if (m) {
    method = m[1] ?? null;
    prefix = m[2] ?? '/';
  }
  return { config, method, prefix, rng: mulberry32(config.seed ?? 1 + index), remaining: config.count ?? null };
}

export class FaultInjector {
  private rules: Rule[] = [];
  /** Counts of injected faults, for inspection. */
  readonly stats = { latency: 0, '429': 0, '5xx': 0, reset: 0, lost: 0, malformed: 0 };

  constructor(initial: FaultConfig[] = []) {
    this.set(initial);
  }

  set(configs: FaultConfig[]): void {
    this.rules = configs.map((c, i) => toRule(c, i));
  }

  add(config: FaultConfig): void {
    this.rules.push(toRule(config, this.rules.length));
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FaultConfig & { remaining: number | null }> {
    return this.rules.map((r) => ({ ...r.config, remaining: r.remaining }));
  }

  decide(method: string, path: string): FaultDecision {
    let latencyMs = 0;
    let action: FaultAction = { kind: 'none' };
    for (const rule of this.rules) {
      if (rule.remaining === 0) continue;
      if (rule.method && rule.method !== method) continue;
      if (!path.startsWith(rule.prefix)) continue;
      if (rule.remaining !== null) rule.remaining -= 1;
      const c = rule.config;
      latencyMs = Math.max(latencyMs, c.latencyMs ?? 0);
      if (action.kind !== 'none') continue;
      // Draw every configured rate in a fixed order so the sequence is reproducible.
      const dReset = c.resetRate !== undefined ? rule.rng() < c.resetRate : false;
      const d429 = c.rate429 !== undefined ? rule.rng() < c.rate429 : false;
      const d5xx = c.rate5xx !== undefined ? rule.rng() < c.rate5xx : false;
      const dLost = c.lostResponseRate !== undefined ? rule.rng() < c.lostResponseRate : false;
      const dMalformed = c.malformedRate !== undefined ? rule.rng() < c.malformedRate : false;
      if (dReset) action = { kind: 'reset' };
      else if (d429) action = { kind: '429', retryAfterS: c.retryAfterS ?? 1 };
      else if (d5xx) action = { kind: '5xx', status: c.status5xx ?? 500, retryAfterS: c.retryAfterS ?? 1 };
      else if (dLost) action = { kind: 'lost' };
      else if (dMalformed) action = { kind: 'malformed' };
    }
    this.rules = this.rules.filter((r) => r.remaining !== 0);
    return { latencyMs, action };
  }
}

const lostRequests = new WeakSet<FastifyRequest>();
const malformedRequests = new WeakSet<FastifyRequest>();

/** Wire the injector into a server. Control routes under /_sandbox are never faulted. */
export function installFaults(app: FastifyInstance, faults: FaultInjector, responses: FaultResponses): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/_sandbox')) return;
    const d = faults.decide(request.method, path);
    if (d.latencyMs > 0) {
      faults.stats.latency += 1;
      await sleep(d.latencyMs);
    }
    switch (d.action.kind) {
      case 'none':
        return;
      case 'reset':
        faults.stats.reset += 1;
        reply.hijack();
        request.raw.socket.resetAndDestroy();
        return;
      case '429':
        faults.stats['429'] += 1;
        reply
          .code(429)
          .header('Retry-After', String(d.action.retryAfterS))
          .send(responses.tooMany(d.action.retryAfterS));
        return reply;
      case '5xx':
        faults.stats['5xx'] += 1;
        if (d.action.status === 503) reply.header('Retry-After', String(d.action.retryAfterS));
        reply.code(d.action.status).send(responses.serverError(d.action.status));
        return reply;
      case 'lost':
        faults.stats.lost += 1;
        lostRequests.add(request);
        return;
      case 'malformed':
        faults.stats.malformed += 1;
        malformedRequests.add(request);
        return;
    }
  });
  // "Lost response": the handler ran and its side effect is kept; the answer never arrives.
  app.addHook('onSend', async (request, reply, payload) => {
    if (lostRequests.has(request)) {
      lostRequests.delete(request);
      request.raw.socket.resetAndDestroy();
    }
    if (malformedRequests.has(request)) {
      malformedRequests.delete(request);
      const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
      return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    return payload;
  });
}
