import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SimClock } from '../common/clock.ts';
import { parseControl, registerControl } from '../common/control.ts';
import { FaultInjector, installFaults, type FaultConfig } from '../common/faults.ts';
import { installBodyParser, requestId } from '../common/http.ts';
import { SANDBOX_CREDENTIALS } from '../credentials.ts';
import type { DhlContext, DhlOptions } from './context.ts';
import { registerMyDhl } from './mydhl.ts';
import { advanceToNext, eventsAt, unifiedStatusCode } from './tracking.ts';
import { registerUnified } from './unified.ts';

export interface DhlServerOptions extends Partial<DhlOptions> {
  faults?: FaultConfig[];
  logger?: boolean;
  credentials?: { username: string; password: string; accountNumber: string; trackingApiKey: string };
}

export interface DhlServer {
  app: FastifyInstance;
  ctx: DhlContext;
  faults: FaultInjector;
}

const configSchema = z.object({
  visibilityLagS: z.number().min(0).optional(),
  dailyQuota: z.number().int().min(0).optional(),
  minIntervalMs: z.number().int().min(0).optional(),
}).strict();
const scriptSchema = z.object({ script: z.enum(['normal', 'NH', 'BA', 'HP', 'RD', 'DD', 'void']) });

export function buildDhlServer(opts: DhlServerOptions = {}): DhlServer {
  const app = Fastify({ genReqId: () => requestId(), logger: opts.logger ?? false, bodyLimit: 10 * 1024 * 1024, routerOptions: { ignoreTrailingSlash: true } });
  installBodyParser(app);
  const creds = opts.credentials ?? SANDBOX_CREDENTIALS.dhl;
  const clock = new SimClock();
  const faults = new FaultInjector(opts.faults ?? []);
  const initial: DhlOptions = {
    accountNumber: opts.accountNumber ?? creds.accountNumber,
    visibilityLagS: opts.visibilityLagS ?? 900,
    dailyQuota: opts.dailyQuota ?? 250,
    minIntervalMs: opts.minIntervalMs ?? 0,
  };
  const ctx: DhlContext = { clock, options: { ...initial }, shipments: new Map(), pickups: new Map(), seq: { awb: 0, piece: 0, pickup: 0 }, quota: new Map() };
  installFaults(app, faults, {
    tooMany: () => ({ title: 'Too Many Requests', status: 429, detail: 'Rate limit exceeded', instance: '/' }),
    serverError: (status) => ({ instance: '/expressapi', detail: `999: Process failure occurred. Process ID associated for that transaction (${Date.now()})`, title: 'Internal Server Error', message: 'Internal Server Error', code: String(status) }),
  });
  registerMyDhl(app, ctx, creds, '/mydhlapi');
  registerMyDhl(app, ctx, creds, '/mydhlapi/test');
  registerUnified(app, ctx, creds.trackingApiKey);
  registerControl(app, {
    clock, faults,
    reset: () => {
      ctx.shipments.clear();
      ctx.pickups.clear();
      ctx.quota.clear();
      ctx.seq = { awb: 0, piece: 0, pickup: 0 };
      ctx.options = { ...initial };
    },
    seed: () => undefined,
    tick: () => undefined,
  });
  app.get('/_sandbox/shipments', async () => {
    const now = clock.nowMs();
    return {
      shipments: [...ctx.shipments.values()].map((s) => {
        const ev = eventsAt(s, now);
        const last = ev.at(-1);
        return {
          awb: s.awb, pieceIds: s.pieceIds, productCode: s.productCode, references: s.references, script: s.script,
          origin: s.origin, destination: s.destination, createdAt: new Date(s.createdAt).toISOString(),
          lastEvent: last?.typeCode ?? null, statusCode: unifiedStatusCode(last?.typeCode), events: ev.length,
        };
      }),
    };
  });
  app.post<{ Params: { awb: string } }>('/_sandbox/shipments/:awb/advance', async (req, reply) => {
    const s = ctx.shipments.get(req.params.awb);
    if (!s) return reply.code(404).send({ error: 'unknown awb', details: [{ field: 'awb', message: `no shipment ${req.params.awb}` }] });
    const moved = advanceToNext(s, clock.nowMs());
    return { awb: s.awb, moved, lastEvent: eventsAt(s, clock.nowMs()).at(-1)?.typeCode ?? null };
  });
  app.post<{ Params: { awb: string } }>('/_sandbox/shipments/:awb/script', async (req, reply) => {
    const body = parseControl(scriptSchema, req.body, reply);
    if (!body) return reply;
    const s = ctx.shipments.get(req.params.awb);
    if (!s) return reply.code(404).send({ error: 'unknown awb', details: [{ field: 'awb', message: `no shipment ${req.params.awb}` }] });
    s.script = body.script;
    return { awb: s.awb, script: s.script };
  });
  app.get('/_sandbox/config', async () => ctx.options);
  app.post('/_sandbox/config', async (req, reply) => {
    const body = parseControl(configSchema, req.body, reply);
    if (!body) return reply;
    Object.assign(ctx.options, body);
    return ctx.options;
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ title: 'Not Found', status: 404, detail: `No route ${req.method} ${req.url.split('?')[0]}`, instance: req.url.split('?')[0] }));
  app.setErrorHandler((error: { statusCode?: number; message?: string }, req, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) req.log.error(error);
    return reply.code(status).send({ instance: req.url.split('?')[0], detail: status === 500 ? '999: Process failure occurred.' : `1000: ${error.message ?? 'bad request'}`, title: status === 500 ? 'Internal Server Error' : 'Bad request', message: status === 500 ? 'Internal Server Error' : 'Bad request', status: String(status) });
  });
  return { app, ctx, faults };
}
