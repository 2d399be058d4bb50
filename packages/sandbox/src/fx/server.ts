import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { SimClock } from '../common/clock.ts';
import { registerControl } from '../common/control.ts';
import { FaultInjector, installFaults, type FaultConfig } from '../common/faults.ts';
import { installBodyParser, requestId } from '../common/http.ts';
import { BNR_FIXTURES, ECB_FIXTURES, RateBook, publishedDays } from './rates.ts';
import { bnrDocument, ecbDocument } from './xml.ts';

export interface FxServerOptions {
  seed?: number;
  faults?: FaultConfig[];
  logger?: boolean;
}

export interface FxServer {
  app: FastifyInstance;
  clock: SimClock;
  faults: FaultInjector;
}

const DAY = 86_400_000;

function xml(reply: FastifyReply, body: string): FastifyReply {
  return reply.code(200).header('Content-Type', 'text/xml; charset=utf-8').send(body);
}

export function buildFxServer(opts: FxServerOptions = {}): FxServer {
  const app = Fastify({ genReqId: () => requestId(), logger: opts.logger ?? false });
  installBodyParser(app);
  const clock = new SimClock();
  const faults = new FaultInjector(opts.faults ?? []);
  let book = new RateBook(opts.seed ?? 42);
  installFaults(app, faults, {
    tooMany: () => 'Too Many Requests',
    serverError: (status) => `<html><body><h1>${status} Server Error</h1></body></html>`,
  });

  const bnr = (days: string[]): string => {
    const latest = days[0];
    if (latest === undefined) return '';
    const fixture = days.length === 1 ? BNR_FIXTURES.find((f) => f.date === latest) : undefined;
    return fixture ? fixture.raw : bnrDocument(days.map((date) => ({ date, rates: book.bnr(date) })), latest);
  };
  const ecb = (days: string[]): string => {
    const fixture = days.length === 1 ? ECB_FIXTURES.find((f) => f.date === days[0]) : undefined;
    return fixture ? fixture.raw : ecbDocument(days.map((date) => ({ date, rates: book.ecb(date) })));
  };
  const none = (reply: FastifyReply): FastifyReply => reply.code(404).header('Content-Type', 'text/plain').send('No rates published yet');

  app.get('/bnr/nbrfxrates.xml', async (req, reply) => {
    const days = publishedDays('bnr', clock.nowMs(), 1);
    return days.length ? xml(reply, bnr(days)) : none(reply);
  });
  app.get('/bnr/nbrfxrates10days.xml', async (req, reply) => {
    const days = publishedDays('bnr', clock.nowMs(), 10);
    return days.length ? xml(reply, bnr(days)) : none(reply);
  });
  app.get<{ Params: { file: string } }>('/bnr/files/xml/years/:file', async (req, reply) => {
    const m = /^nbrfxrates(\d{4})\.xml$/.exec(req.params.file);
    if (!m) return reply.code(404).header('Content-Type', 'text/plain').send('Not Found');
    const year = m[1] ?? '';
    const now = clock.nowMs();
    const end = Math.min(now, Date.parse(`${Number(year) + 1}-01-01T00:00:00Z`) - 1);
    const days = publishedDays('bnr', end, 400).filter((d) => d.startsWith(year));
    return days.length ? xml(reply, bnr(days)) : reply.code(404).header('Content-Type', 'text/plain').send('Not Found');
  });
  app.get('/ecb/eurofxref-daily.xml', async (req, reply) => {
    const days = publishedDays('ecb', clock.nowMs(), 1);
    return days.length ? xml(reply, ecb(days)) : none(reply);
  });
  app.get('/ecb/eurofxref-hist-90d.xml', async (req, reply) => {
    const now = clock.nowMs();
    const cutoff = new Date(now - 90 * DAY).toISOString().slice(0, 10);
    const days = publishedDays('ecb', now, 90).filter((d) => d >= cutoff);
    return days.length ? xml(reply, ecb(days)) : none(reply);
  });
  app.get('/ecb/eurofxref-hist.xml', async (req, reply) => {
    const days = publishedDays('ecb', clock.nowMs(), 100_000);
    return days.length ? xml(reply, ecb(days)) : none(reply);
  });
  registerControl(app, {
    clock, faults,
    reset: () => { book = new RateBook(opts.seed ?? 42); },
    seed: (_products, seed) => { book = new RateBook(seed); },
    tick: () => undefined,
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).header('Content-Type', 'text/plain').send('Not Found'));
  return { app, clock, faults };
}
