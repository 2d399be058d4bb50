import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DhlContext } from './context.ts';
import { areaOf, eventsAt, unifiedStatusCode, type Shipment } from './tracking.ts';

function problem(reply: FastifyReply, status: number, title: string, detail: string, instance: string): FastifyReply {
  return reply.code(status).header('Content-Type', 'application/problem+json').send(JSON.stringify({ title, status, detail, instance }));
}

function view(s: Shipment, now: number): Record<string, unknown> {
  const events = eventsAt(s, now).reverse().map((e) => {
    const code = unifiedStatusCode(e.typeCode);
    return {
      timestamp: new Date(e.timestamp).toISOString().slice(0, 19),
      location: { address: { addressLocality: areaOf(s, e.at).locality } },
      statusCode: code, status: code, description: e.description,
    };
  });
  const latest = events[0];
  const delivered = latest?.statusCode === 'delivered';
  return {
    id: s.awb,
    service: 'express',
    origin: { address: { countryCode: s.origin.countryCode, postalCode: s.origin.postalCode, addressLocality: areaOf(s, 'origin').locality } },
    destination: { address: { countryCode: s.destination.countryCode, postalCode: s.destination.postalCode, addressLocality: areaOf(s, 'dest').locality } },
    status: latest
      ? { ...latest, remark: null, nextSteps: null }
      : { timestamp: new Date(s.createdAt).toISOString().slice(0, 19), location: { address: { addressLocality: areaOf(s, 'origin').locality } }, statusCode: 'pre-transit', status: 'pre-transit', description: 'Shipment information received', remark: null, nextSteps: null },
    estimatedTimeOfDelivery: new Date(s.createdAt + 50 * 3_600_000).toISOString().slice(0, 19) + 'Z',
    details: {
      product: { productName: 'EXPRESS WORLDWIDE' }, totalNumberOfPieces: s.pieceIds.length, pieceIds: s.pieceIds,
      weight: { value: s.weightKg, unitText: 'kg' }, references: s.references.map((number) => ({ number, type: 'customer-reference' })),
      proofOfDelivery: delivered && latest ? { timestamp: latest.timestamp, signed: { name: s.receiverName } } : { timestamp: null, signed: null },
    },
    events,
  };
}

export function registerUnified(app: FastifyInstance, ctx: DhlContext, apiKey: string): void {
  app.get('/track/shipments', async (req, reply) => {
    const key = req.headers['dhl-api-key'];
    if (key !== apiKey) return problem(reply, 401, 'Unauthorized', 'Invalid API key', '/shipments');
    const now = ctx.clock.nowMs();
    const day = new Date(now).toISOString().slice(0, 10);
    const q = ctx.quota.get(key) ?? { day, used: 0, last: -Infinity };
    if (q.day !== day) {
      q.day = day;
      q.used = 0;
    }
    ctx.quota.set(key, q);
    if (q.used >= ctx.options.dailyQuota) {
      const resetIn = Math.ceil((Date.parse(`${day}T00:00:00Z`) + 86_400_000 - now) / 1000);
      reply.header('Retry-After', String(resetIn));
      return problem(reply, 429, 'Too Many Requests', `Daily quota of ${ctx.options.dailyQuota} calls exceeded`, '/shipments');
    }
    if (ctx.options.minIntervalMs > 0 && now - q.last < ctx.options.minIntervalMs) {
      reply.header('Retry-After', String(Math.ceil((ctx.options.minIntervalMs - (now - q.last)) / 1000)));
      return problem(reply, 429, 'Too Many Requests', 'Rate limit exceeded', '/shipments');
    }
    q.used += 1;
    q.last = now;
    const query = req.query as Record<string, string | undefined>;
    const tn = query.trackingNumber;
    if (!tn) return problem(reply, 400, 'Bad Request', 'Mandatory parameter trackingNumber is missing', '/shipments');
    const s = ctx.shipments.get(tn);
    const visible = s && now - s.createdAt >= ctx.options.visibilityLagS * 1000;
    if (!s || !visible || (query.service && query.service !== 'express')) {
      return problem(reply, 404, 'No result found', 'No shipment with given tracking number found.', `/shipment/${tn}`);
    }
    const offset = Number(query.offset ?? 0);
    const limit = Number(query.limit ?? 5);
    reply.header('Content-Language', 'en');
    return {
      url: `/shipments?trackingNumber=${tn}&offset=${offset}&limit=${limit}`,
      shipments: [view(s, now)],
      ...(query.service ? {} : { possibleAdditionalShipmentsUrl: [`/shipments?trackingNumber=${tn}&service=parcel-de`] }),
    };
  });
}
