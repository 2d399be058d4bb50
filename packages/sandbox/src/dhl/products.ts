import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DhlContext } from './context.ts';
import { EU } from './validate.ts';

/** Products offered per lane. [ASSUMED] names and codes; intra-EU non-doc shipments also get `U`. */
function productsFor(from: string, to: string): Array<[string, string]> {
  if (from === to) return [['N', 'EXPRESS DOMESTIC']];
  const euLane = EU.has(from) && EU.has(to);
  return euLane
    ? [['P', 'EXPRESS WORLDWIDE'], ['U', 'EXPRESS WORLDWIDE EU'], ['T', 'EXPRESS 12:00']]
    : [['P', 'EXPRESS WORLDWIDE'], ['T', 'EXPRESS 12:00'], ['Y', 'EXPRESS 9:00']];
}

const REQUIRED = ['accountNumber', 'originCountryCode', 'originCityName', 'destinationCountryCode', 'destinationCityName', 'weight', 'plannedShippingDate', 'isCustomsDeclarable', 'unitOfMeasurement'];

function badRequest(reply: FastifyReply, req: FastifyRequest, detail: string): FastifyReply {
  return reply.code(400).send({ instance: `/expressapi${req.url.split('?')[0]?.replace(/^\/mydhlapi(\/test)?/, '')}`, detail, title: 'Bad request', message: 'Bad request', status: '400' });
}

/** `GET /products` and `GET /rates` (query form): products, transit days and (for rates) a price per lane. */
export function registerProducts(app: FastifyInstance, ctx: DhlContext, withPrices: boolean, path: string): void {
  app.get(path, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const missing = REQUIRED.filter((k) => q[k] === undefined || q[k] === '');
    if (missing.length) return badRequest(reply, req, `1000: Missing mandatory parameter(s) ${missing.join(', ')}`);
    if (q.accountNumber !== ctx.options.accountNumber) return badRequest(reply, req, `1001: Account number ${q.accountNumber} is invalid or not authorised for this user`);
    const weight = Number(q.weight);
    if (!(weight > 0)) return badRequest(reply, req, '1000: weight must be a number greater than 0');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(q.plannedShippingDate ?? '')) return badRequest(reply, req, '998: plannedShippingDate must be YYYY-MM-DD');
    const from = String(q.originCountryCode);
    const to = String(q.destinationCountryCode);
    const days = to === 'NO' ? 3 : from === to ? 1 : 2;
    const edd = new Date(Date.parse(`${q.plannedShippingDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const dims = [q.length, q.width, q.height].map(Number);
    const volumetric = dims.every((d) => d > 0) ? Math.round((dims[0]! * dims[1]! * dims[2]!) / 5) / 1000 : 0;
    const products = productsFor(from, to).map(([code, name], i) => ({
      productName: name, productCode: code, localProductCode: code, localProductCountryCode: from, networkTypeCode: 'TD', isCustomerAgreement: false,
      weight: { volumetric, provided: weight, unitOfMeasurement: q.unitOfMeasurement },
      ...(withPrices ? { totalPrice: [{ currencyType: 'BILLC', priceCurrency: 'EUR', price: Math.round((25 + Math.max(weight, volumetric) * 8 + (to === 'NO' ? 12 : 0) + i * 9) * 100) / 100 }] } : {}),
      deliveryCapabilities: { deliveryTypeCode: 'QDDC', estimatedDeliveryDateAndTime: `${edd}T23:59:00`, totalTransitDays: String(days) },
    }));
    return { products };
  });
}
