import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { SimClock } from '../common/clock.ts';
import { registerControl } from '../common/control.ts';
import { FaultInjector, installFaults, type FaultConfig } from '../common/faults.ts';
import { decodeBasic, installBodyParser, isInvalidBody, requestId } from '../common/http.ts';
import { SANDBOX_CREDENTIALS } from '../credentials.ts';
import { registerArticleRoutes, processDue } from './articles.ts';
import { categoriesFor } from './categories.ts';
import { DEFAULT_VAT_RATES } from './constants.ts';
import type { CdonContext, CdonOptions } from './context.ts';
import { autoCancel, registerOrderRoutes } from './orders.ts';
import { newMerchant, type MerchantState } from './state.ts';
import { TokenBuckets } from '../common/ratelimit.ts';
import { registerCdonControl, seedArticles } from './control.ts';

export interface CdonServerOptions extends Partial<CdonOptions> {
  merchants?: Array<{ merchantId: string; token: string; label: string }>;
  faults?: FaultConfig[];
  logger?: boolean;
  /** Seed this many generated articles into every merchant at start (default 0: CDON starts empty). */
  products?: number;
  seed?: number;
}

export interface CdonServer {
  app: FastifyInstance;
  ctx: CdonContext;
  faults: FaultInjector;
}

const merchantKey = Symbol('cdonMerchant');
type AuthedRequest = FastifyRequest & { [merchantKey]?: MerchantState };

export function buildCdonServer(opts: CdonServerOptions = {}): CdonServer {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 20 * 1024 * 1024, routerOptions: { ignoreTrailingSlash: true } });
  installBodyParser(app);
  const clock = new SimClock();
  const faults = new FaultInjector(opts.faults ?? []);
  const merchantDefs = opts.merchants ?? SANDBOX_CREDENTIALS.cdon.merchants;
  const options: CdonOptions = {
    articleProcessingDelayMs: opts.articleProcessingDelayMs ?? 1000,
    maxBatchSize: opts.maxBatchSize ?? 100,
    maxUpdateBatchSize: opts.maxUpdateBatchSize ?? 200,
    vatRates: opts.vatRates ?? DEFAULT_VAT_RATES,
    fulfillmentDays: opts.fulfillmentDays ?? 5,
    autoCancelDays: opts.autoCancelDays ?? 7,
    cancelFromAccepted: opts.cancelFromAccepted ?? 'forbid',
    stockEffect: opts.stockEffect ?? true,
    strictFulfil: opts.strictFulfil ?? false,
    notFoundStatus: opts.notFoundStatus ?? 404,
    sandboxFlavour: opts.sandboxFlavour ?? true,
    testOrderMaxQuantity: opts.testOrderMaxQuantity ?? 500,
    rateLimit: opts.rateLimit ?? null,
  };
  const initialOptions = { ...options };
  const ctx: CdonContext = {
    clock, options, merchants: new Map(), queue: [], queueHead: 0, orderSeq: 0,
    merchantOf(req: FastifyRequest): MerchantState {
      const m = (req as AuthedRequest)[merchantKey];
      if (!m) throw new Error('unauthenticated request reached a CDON handler');
      return m;
    },
  };
  const byAuth = new Map<string, MerchantState>();
  const buckets = new TokenBuckets();
  const reset = (): void => {
    ctx.merchants.clear();
    byAuth.clear();
    for (const d of merchantDefs) {
      const m = newMerchant(d);
      ctx.merchants.set(d.merchantId, m);
      byAuth.set(`${d.merchantId}:${d.token}`, m);
    }
    ctx.queue = [];
    ctx.queueHead = 0;
    ctx.orderSeq = 0;
    buckets.clear();
    Object.assign(options, initialOptions);
  };
  reset();
  if (opts.products) for (const m of ctx.merchants.values()) seedArticles(ctx, m, opts.products, opts.seed ?? 42);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Request-ID', requestId());
    reply.header('Server', 'nginx');
  });
  installFaults(app, faults, {
    tooMany: () => ({ description: 'Too many requests' }),
    serverError: (status) => ({ description: status === 503 ? 'Service unavailable' : 'Internal server error' }),
  });
  app.addHook('preHandler', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/_sandbox')) return;
    const cred = decodeBasic(req.headers.authorization);
    const m = cred ? byAuth.get(`${cred.user}:${cred.pass}`) : undefined;
    if (!m) return reply.code(401).send({ description: 'Authorization credentials were incorrect' });
    (req as AuthedRequest)[merchantKey] = m;
    const rl = ctx.options.rateLimit;
    if (rl) {
      const bucketKey = rl.perRoute ? `${m.merchantId} ${req.method} ${req.routeOptions.url ?? path}` : m.merchantId;
      const wait = buckets.take(bucketKey, rl.ratePerS, rl.burst, Date.now());
      if (wait > 0) return reply.code(429).header('Retry-After', String(Math.ceil(wait / 1000))).send({ description: 'Too many requests' });
    }
    processDue(ctx);
    if ((req.method === 'POST' || req.method === 'PUT') && isInvalidBody(req.body)) {
      return reply.code(400).send({ description: 'Invalid payload', errors: { body: [req.body.reason] } });
    }
    return undefined;
  });

  registerArticleRoutes(app, ctx);
  registerOrderRoutes(app, ctx);
  app.get<{ Params: { market: string; language: string } }>('/api/v1/categories/:market/:language/', async (req, reply) => {
    const list = categoriesFor(req.params.market, req.params.language);
    if (!list) return reply.code(400).send({ description: 'Invalid payload', errors: { market: ['Unknown market or language'] } });
    return list;
  });
  registerControl(app, {
    clock, faults, reset,
    seed: (products, seed) => { for (const m of ctx.merchants.values()) seedArticles(ctx, m, products, seed); },
    tick: () => { processDue(ctx); for (const m of ctx.merchants.values()) autoCancel(ctx, m); },
  });
  registerCdonControl(app, ctx);
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ description: 'Not found' }));
  app.setErrorHandler((error: { statusCode?: number; message?: string }, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) req.log.error(error);
    return reply.code(status).send(status === 500 ? { description: 'Internal server error' } : { description: 'Invalid payload', errors: { request: [error.message ?? 'bad request'] } });
  });
  return { app, ctx, faults };
}
