import Fastify, { type FastifyInstance } from 'fastify';
import { SimClock } from '../common/clock.ts';
import { registerControl } from '../common/control.ts';
import { FaultInjector, installFaults, type FaultConfig } from '../common/faults.ts';
import { installBodyParser, requestId } from '../common/http.ts';
import { bucharestIso } from '../common/time.ts';
import { SANDBOX_CREDENTIALS } from '../credentials.ts';
import { installAuth, type CharismaCredentials } from './auth.ts';
import { registerCatalogRoutes } from './catalog.ts';
import { DEFAULT_OPTIONS, ERROR_STATUS, type CharismaOptions } from './contract.ts';
import { registerCharismaControl } from './control.ts';
import { fail, requestIdOf } from './errors.ts';
import { registerInvoiceRoutes } from './invoices.ts';
import { registerOrderRoutes, runAutoInvoices } from './orders.ts';
import { registerReturnRoutes } from './returns.ts';
import { emptyState, seedCatalog } from './seed.ts';
import type { CharismaState } from './state.ts';

export interface CharismaServerOptions extends Partial<CharismaOptions> {
  products?: number;
  seed?: number;
  faults?: FaultConfig[];
  credentials?: CharismaCredentials;
  logger?: boolean;
}

export interface CharismaServer {
  app: FastifyInstance;
  clock: SimClock;
  faults: FaultInjector;
  state(): CharismaState;
}

export function buildCharismaServer(opts: CharismaServerOptions = {}): CharismaServer {
  const app = Fastify({ genReqId: () => requestId(), logger: opts.logger ?? false, bodyLimit: 10 * 1024 * 1024, routerOptions: { ignoreTrailingSlash: true } });
  installBodyParser(app);
  const clock = new SimClock();
  const faults = new FaultInjector(opts.faults ?? []);
  const options: CharismaOptions = { ...DEFAULT_OPTIONS };
  for (const k of Object.keys(DEFAULT_OPTIONS) as Array<keyof CharismaOptions>) {
    if (opts[k] !== undefined) Object.assign(options, { [k]: opts[k] });
  }
  let products = opts.products ?? 500;
  let seed = opts.seed ?? 42;
  let s = emptyState(options);
  seedCatalog(s, products, seed, clock.nowMs());
  const state = (): CharismaState => s;

  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Request-Id', requestIdOf(req));
  });
  installFaults(app, faults, {
    tooMany: (retryAfterS) => ({ error: { code: 'RATE_LIMITED', message: `Too many requests; retry after ${retryAfterS} s`, details: [], requestId: '' } }),
    serverError: (status) => status === 503
      ? { error: { code: 'ERP_UNAVAILABLE', message: 'The ERP is unavailable (maintenance)', details: [], requestId: '' } }
      : { error: { code: 'INTERNAL', message: 'Internal error', details: [], requestId: '' } },
  });
  installAuth(app, state, clock, opts.credentials ?? SANDBOX_CREDENTIALS.charisma);
  app.addHook('preHandler', async (req, reply) => {
    const w = s.options.maintenanceWindow;
    if (w && !req.url.startsWith('/_sandbox')) {
      const hhmm = bucharestIso(clock.nowMs()).slice(11, 16);
      const inside = w.from <= w.to ? hhmm >= w.from && hhmm < w.to : hhmm >= w.from || hhmm < w.to;
      if (inside) {
        reply.header('Retry-After', '300');
        return fail(req, reply, 'ERP_UNAVAILABLE', `The ERP is in its maintenance window ${w.from}-${w.to} (Europe/Bucharest)`);
      }
    }
    runAutoInvoices(s, clock.nowMs());
    return undefined;
  });
  registerCatalogRoutes(app, state, clock);
  registerOrderRoutes(app, state, clock);
  registerInvoiceRoutes(app, state, clock);
  registerReturnRoutes(app, state, clock);
  registerControl(app, {
    clock, faults,
    reset: () => {
      s = emptyState(options);
      seedCatalog(s, products, seed, clock.nowMs());
    },
    seed: (n, sd) => {
      products = n;
      seed = sd;
      seedCatalog(s, n, sd, clock.nowMs());
    },
    tick: () => runAutoInvoices(s, clock.nowMs()),
  });
  registerCharismaControl(app, state, clock);
  app.setNotFoundHandler((req, reply) => fail(req, reply, 'NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`));
  app.setErrorHandler((error: { statusCode?: number; message?: string }, req, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return fail(req, reply, 'VALIDATION_FAILED', error.message ?? 'Bad request', [{ field: '(request)', issue: error.message ?? 'bad request' }]);
    req.log.error(error);
    return reply.code(ERROR_STATUS.INTERNAL).send({ error: { code: 'INTERNAL', message: 'Internal error', details: [], requestId: requestIdOf(req) } });
  });
  return { app, clock, faults, state };
}
