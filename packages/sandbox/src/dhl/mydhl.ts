import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeBasic, isInvalidBody, isRecord } from '../common/http.ts';
import type { DhlContext } from './context.ts';
import { eplLabel, labelPdf, zplLabel, type LabelData } from './documents.ts';
import { areaOf, awbFromSequence, eventsAt, isDelivered, type Shipment } from './tracking.ts';
import { businessProblem, schemaProblems } from './validate.ts';
import { registerProducts } from './products.ts';

export interface DhlCredentials {
  username: string;
  password: string;
}

function problem(reply: FastifyReply, req: FastifyRequest, status: number, title: string, detail: string): FastifyReply {
  const message = status === 422 ? 'Unprocessable Entity' : title;
  return reply.code(status).send({ instance: `/expressapi${req.url.replace(/^\/mydhlapi(\/test)?/, '').split('?')[0]}`, detail, title, message, status: String(status) });
}

function b64(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64');
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (isRecord(v) ? v : {});

function trackingView(s: Shipment, now: number, view: string): Obj {
  const events = eventsAt(s, now).reverse().map((e) => {
    const area = areaOf(s, e.at);
    const iso = new Date(e.timestamp).toISOString();
    return {
      date: iso.slice(0, 10), time: iso.slice(11, 19), GMTOffset: '+00:00', typeCode: e.typeCode, description: e.description,
      serviceArea: [{ code: area.code, description: area.description }], signedBy: e.typeCode === 'OK' ? s.receiverName : '',
    };
  });
  const origin = areaOf(s, 'origin');
  const dest = areaOf(s, 'dest');
  return {
    shipmentTrackingNumber: s.awb, status: 'Success', shipmentTimestamp: new Date(s.createdAt).toISOString().slice(0, 19),
    productCode: s.productCode, description: s.description,
    shipperDetails: { name: '', postalAddress: { cityName: s.origin.cityName, postalCode: s.origin.postalCode, countryCode: s.origin.countryCode }, serviceArea: [{ code: origin.code, description: origin.description }] },
    receiverDetails: { name: s.receiverName, postalAddress: { cityName: s.destination.cityName, postalCode: s.destination.postalCode, countryCode: s.destination.countryCode }, serviceArea: [{ code: dest.code, description: dest.description }] },
    totalWeight: s.weightKg, unitOfMeasurements: 'metric', shipperReferences: s.references.map((value) => ({ value, typeCode: 'CU' })),
    events: view === 'last-checkpoint' ? events.slice(0, 1) : view === 'shipment-details-only' ? [] : events,
    numberOfPieces: s.pieceIds.length, pieces: [],
  };
}

export function registerMyDhl(app: FastifyInstance, ctx: DhlContext, creds: DhlCredentials, prefix: string): void {
  app.register(async (r) => {
    r.addHook('preHandler', async (req, reply) => {
      reply.header('Message-Reference', (req.headers['message-reference'] as string | undefined) ?? randomUUID());
      reply.header('Invocation-Id', randomUUID());
      const c = decodeBasic(req.headers.authorization);
      if (!c || c.user !== creds.username || c.pass !== creds.password) {
        return reply.code(401).send({ reasons: [{ msg: 'Invalid Credentials' }], details: { msgId: randomUUID() } });
      }
      if (!req.headers['x-version']) return problem(reply, req, 400, 'Bad request', '1000: Missing mandatory header x-version');
      if (isInvalidBody(req.body)) return problem(reply, req, 400, 'Bad request', `1000: Malformed JSON request: ${req.body.reason}`);
      return undefined;
    });

    registerProducts(r, ctx, false, '/products');
    registerProducts(r, ctx, true, '/rates');

    r.post('/shipments', async (req, reply) => {
      const problems = schemaProblems(req.body);
      if (problems.length > 0) return problem(reply, req, 422, 'Validation error', problems.join('; '));
      const body = req.body as Obj;
      const now = ctx.clock.nowMs();
      const business = businessProblem(body, now, ctx.options.accountNumber);
      if (business) return problem(reply, req, 400, 'Bad request', business);
      const q = req.query as Record<string, string | undefined>;
      if (q.validateDataOnly === 'true') return reply.code(200).send({ warnings: [] });
      const cd = o(body.customerDetails);
      const sh = o(cd.shipperDetails);
      const rc = o(cd.receiverDetails);
      const spa = o(sh.postalAddress);
      const rpa = o(rc.postalAddress);
      const rci = o(rc.contactInformation);
      const content = o(body.content);
      const packages = (content.packages as Obj[]) ?? [];
      ctx.seq.awb += 1;
      const awb = awbFromSequence(ctx.seq.awb);
      const pieceIds = packages.map(() => {
        ctx.seq.piece += 1;
        return `JD0146000046${pad(ctx.seq.piece, 8)}`;
      });
      const refs = Array.isArray(body.customerReferences) ? (body.customerReferences as Obj[]).map((x) => String(x.value)) : [];
      const weightKg = packages.reduce((s, p) => s + Number(p.weight), 0);
      const label: LabelData = {
        awb, pieceId: pieceIds[0] ?? '', productCode: String(body.productCode), reference: refs[0] ?? null, weightKg,
        from: [String(o(sh.contactInformation).companyName ?? ''), String(spa.addressLine1 ?? ''), `${String(spa.postalCode)} ${String(spa.cityName)} ${String(spa.countryCode)}`],
        to: [String(rci.fullName ?? ''), String(rpa.addressLine1 ?? ''), `${String(rpa.postalCode)} ${String(rpa.cityName)} ${String(rpa.countryCode)}`],
      };
      const oip = o(body.outputImageProperties);
      const format = String(oip.encodingFormat ?? 'pdf');
      if (!['pdf', 'zpl', 'lp2', 'epl'].includes(format)) return problem(reply, req, 422, 'Validation error', `#/outputImageProperties/encodingFormat: ${format} is not a valid enum value`);
      const labelPdfBytes = await labelPdf(label);
      const labelContent = format === 'pdf' ? b64(labelPdfBytes) : b64(format === 'zpl' ? zplLabel(label) : eplLabel(label));
      const documents: Obj[] = [{ imageFormat: format.toUpperCase(), content: labelContent, typeCode: 'label' }];
      const options = Array.isArray(oip.imageOptions) ? (oip.imageOptions as Obj[]) : [];
      for (const opt of options) {
        if (opt.isRequested !== true || opt.typeCode === 'label') continue;
        if (opt.typeCode === 'waybillDoc' || opt.typeCode === 'invoice' || opt.typeCode === 'shipmentReceipt') {
          const title = opt.typeCode === 'invoice' ? 'COMMERCIAL INVOICE' : opt.typeCode === 'waybillDoc' ? 'WAYBILL DOC' : 'SHIPMENT RECEIPT';
          documents.push({ imageFormat: 'PDF', content: b64(await labelPdf(label, title)), typeCode: opt.typeCode === 'shipmentReceipt' ? 'receipt' : opt.typeCode });
        }
      }
      const s: Shipment = {
        awb, pieceIds, productCode: String(body.productCode), createdAt: now, boostMs: 0,
        origin: { countryCode: String(spa.countryCode), postalCode: String(spa.postalCode), cityName: String(spa.cityName) },
        destination: { countryCode: String(rpa.countryCode), postalCode: String(rpa.postalCode), cityName: String(rpa.cityName) },
        receiverName: String(rci.fullName ?? ''), description: String(content.description ?? ''), weightKg, references: refs,
        script: 'normal', labelPdf: b64(labelPdfBytes),
      };
      ctx.shipments.set(awb, s);
      const base = 'https://express.api.dhl.com/mydhlapi';
      const res: Obj = {
        url: `${base}/shipments`, shipmentTrackingNumber: awb, trackingUrl: `${base}/shipments/${awb}/tracking`,
        packages: pieceIds.map((id, i) => ({
          referenceNumber: i + 1, trackingNumber: id, trackingUrl: `${base}/shipments/${awb}/tracking?pieceTrackingNumber=${id}`,
          volumetricWeight: (() => { const d = o(packages[i]?.dimensions); return d.length ? Math.round((Number(d.length) * Number(d.width) * Number(d.height)) / 5) / 1000 : 0; })(),
        })),
        documents,
      };
      if (o(body.pickup).isRequested === true) {
        ctx.seq.pickup += 1;
        const n = `PRG${new Date(now).toISOString().slice(2, 10).replace(/-/g, '')}${pad(ctx.seq.pickup, 6)}`;
        ctx.pickups.set(n, { number: n, cancelled: false, createdAt: now });
        res.dispatchConfirmationNumber = n;
        res.cancelPickupUrl = `${base}/shipment-pickups/${n}`;
      }
      if (body.getRateEstimates === true) {
        const price = Math.round((25 + weightKg * 8 + (s.destination.countryCode === 'NO' ? 12 : 0)) * 100) / 100;
        res.shipmentCharges = [{ currencyType: 'BILLC', priceCurrency: 'EUR', price, serviceBreakdown: [{ name: 'EXPRESS WORLDWIDE', price: Math.round(price * 0.85 * 100) / 100 }] }];
      }
      const edd = o(body.estimatedDeliveryDate);
      if (edd.isRequested === true) {
        const days = s.destination.countryCode === 'NO' ? 3 : 2;
        res.estimatedDeliveryDate = { estimatedDeliveryDate: new Date(now + days * 86_400_000).toISOString().slice(0, 10), estimatedDeliveryType: String(edd.typeCode ?? 'QDDC') };
      }
      res.warnings = [];
      return reply.code(201).send(res);
    });

    const notFound = (req: FastifyRequest, reply: FastifyReply, what: string): FastifyReply =>
      reply.code(404).send({ instance: `/expressapi${req.url.split('?')[0]?.replace(/^\/mydhlapi(\/test)?/, '')}`, detail: `No Shipments Found for ${what}`, title: 'Not data found', message: 'Not data found', status: '404' });

    r.get<{ Params: { awb: string } }>('/shipments/:awb/tracking', async (req, reply) => {
      const s = ctx.shipments.get(req.params.awb);
      if (!s) return notFound(req, reply, `shipmentTrackingNumber ${req.params.awb}`);
      const view = String((req.query as Obj).trackingView ?? 'all-checkpoints');
      return { shipments: [trackingView(s, ctx.clock.nowMs(), view)] };
    });
    r.get('/tracking', async (req, reply) => {
      const raw = (req.query as Obj).shipmentTrackingNumber;
      const numbers = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
      if (numbers.length === 0) return problem(reply, req, 400, 'Bad request', '1000: shipmentTrackingNumber is required');
      if (numbers.length > 200) return problem(reply, req, 400, 'Bad request', '1000: at most 200 shipmentTrackingNumber values are allowed');
      const view = String((req.query as Obj).trackingView ?? 'all-checkpoints');
      const found = numbers.flatMap((n) => { const s = ctx.shipments.get(n); return s ? [trackingView(s, ctx.clock.nowMs(), view)] : []; });
      return found.length ? { shipments: found } : notFound(req, reply, `shipmentTrackingNumber ${numbers.join(',')}`);
    });
    r.get<{ Params: { awb: string } }>('/shipments/:awb/proof-of-delivery', async (req, reply) => {
      const s = ctx.shipments.get(req.params.awb);
      if (!s || !isDelivered(s, ctx.clock.nowMs())) return notFound(req, reply, `proof of delivery ${req.params.awb}`);
      const pod = await labelPdf({ awb: s.awb, pieceId: s.pieceIds[0] ?? '', productCode: s.productCode, from: [], to: [s.receiverName], reference: s.references[0] ?? null, weightKg: s.weightKg }, 'PROOF OF DELIVERY');
      return { documents: [{ encodingFormat: 'PDF', content: b64(pod), typeCode: 'POD' }] };
    });
    r.post('/pickups', async (req, reply) => {
      const b = req.body;
      const problems: string[] = [];
      if (!isRecord(b)) problems.push('#: expected type: JSONObject');
      else for (const k of ['plannedPickupDateAndTime', 'accounts', 'customerDetails']) if (b[k] === undefined) problems.push(`#: required key [${k}] not found`);
      if (problems.length) return problem(reply, req, 422, 'Validation error', problems.join('; '));
      const now = ctx.clock.nowMs();
      ctx.seq.pickup += 1;
      const n = `PRG${new Date(now).toISOString().slice(2, 10).replace(/-/g, '')}${pad(ctx.seq.pickup, 6)}`;
      ctx.pickups.set(n, { number: n, cancelled: false, createdAt: now });
      return reply.code(201).send({ dispatchConfirmationNumbers: [n], readyByTime: '12:00', nextPickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10), warnings: [] });
    });
    r.delete<{ Params: { n: string } }>('/pickups/:n', async (req, reply) => {
      const p = ctx.pickups.get(req.params.n);
      if (!p || p.cancelled) return reply.code(404).send({ instance: `/expressapi/pickups/${req.params.n}`, detail: `No pickup found for ${req.params.n}`, title: 'Not found', message: 'Not found', status: '404' });
      const q = req.query as Obj;
      if (!q.requestorName || !q.reason) return problem(reply, req, 400, 'Bad request', '1000: requestorName and reason are required');
      p.cancelled = true;
      return reply.code(200).send({ dispatchConfirmationNumber: p.number, status: 'cancelled' });
    });
  }, { prefix });
}
