import { z } from 'zod';
import Decimal from 'decimal.js';
import type { FastifyInstance } from 'fastify';
import { bucharestIso } from '../common/time.ts';
import { WAREHOUSES } from '../generator/catalog.ts';
import { COMPANY, CURRENCIES, PRICE_LISTS, UNITS, VAT_CODES, API_PREFIX } from './contract.ts';
import { fail, paginate, updatedSince, zodToDetails } from './errors.ts';
import type { CharismaState, Item, Partner } from './state.ts';
import { milliToStr } from './state.ts';
import type { SimClock } from '../common/clock.ts';
import { isInvalidBody } from '../common/http.ts';

export function itemView(i: Item): Record<string, unknown> {
  return {
    code: i.code, name: i.name, ean: i.ean, unit: i.unit, type: i.type, vatCode: i.vatCode, active: i.active,
    brand: i.brand, description: i.description, category: i.category, weightKg: i.weightKg, dimensionsCm: i.dimensionsCm,
    hsCode: i.hsCode, countryOfOrigin: i.countryOfOrigin, imageUrl: i.imageUrl, updatedAt: bucharestIso(i.updatedAt),
  };
}

export function vatRateOf(code: string): string {
  return VAT_CODES.find((v) => v.code === code)?.rate ?? '0.00';
}

export function priceView(i: Item): Record<string, unknown> {
  const rate = new Decimal(vatRateOf(i.vatCode));
  const incl = new Decimal(i.priceNet).mul(rate.div(100).add(1)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return {
    itemCode: i.code, currency: 'RON', price: i.priceNet, vatCode: i.vatCode, priceInclVat: incl.toFixed(2),
    validFrom: '2025-08-01', validTo: null, updatedAt: bucharestIso(i.priceUpdatedAt),
  };
}

export function stockView(itemCode: string, warehouse: string, r: { onHand: number; reserved: number; updatedAt: number }): Record<string, unknown> {
  return {
    itemCode, warehouse, onHand: milliToStr(r.onHand), reserved: milliToStr(r.reserved),
    available: milliToStr(Math.max(0, r.onHand - r.reserved)), updatedAt: bucharestIso(r.updatedAt),
  };
}

export function partnerView(p: Partner): Record<string, unknown> {
  return { id: p.id, code: p.code, externalRef: p.externalRef, type: p.type, name: p.name, cif: p.cif, country: p.country, email: p.email, phone: p.phone, address: p.address, updatedAt: bucharestIso(p.updatedAt) };
}

/** CUI/CIF check digit (charisma-erp.md §4.1). */
export function isValidCif(raw: string): boolean {
  const digits = raw.replace(/^RO/i, '').trim();
  if (!/^\d{2,10}$/.test(digits)) return false;
  const body = digits.slice(0, -1).padStart(9, '0');
  const weights = [7, 5, 3, 2, 1, 7, 5, 3, 2];
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(body[i]) * (weights[i] ?? 0);
  let check = (sum * 10) % 11;
  if (check === 10) check = 0;
  return check === Number(digits.at(-1));
}

const partnerSchema = z.object({
  externalRef: z.string().min(1).max(100),
  type: z.enum(['company', 'person']),
  name: z.string().min(1).max(200),
  cif: z.string().nullable().optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
  email: z.string().email().nullable().optional(),
  phone: z.string().nullable().optional(),
  address: z.object({
    street: z.string().min(1), city: z.string().min(1), region: z.string().nullable().optional(),
    postalCode: z.string().min(1), country: z.string().regex(/^[A-Z]{2}$/),
  }).nullable().optional(),
});

export function registerCatalogRoutes(app: FastifyInstance, state: () => CharismaState, clock: SimClock): void {
  const P = API_PREFIX;
  app.get(`${P}/company`, async () => COMPANY);
  app.get(`${P}/vat-codes`, async () => VAT_CODES);
  app.get(`${P}/units`, async () => UNITS);
  app.get(`${P}/currencies`, async () => CURRENCIES);
  app.get(`${P}/warehouses`, async () => WAREHOUSES.map((w) => ({ ...w })));
  app.get(`${P}/price-lists`, async () => PRICE_LISTS);

  app.get(`${P}/items`, async (req, reply) => {
    const since = updatedSince(req, reply);
    if (since === null) return reply;
    const q = req.query as Record<string, string | undefined>;
    let rows = [...state().items.values()];
    if (since !== undefined) rows = rows.filter((i) => i.updatedAt >= since);
    if (q.active === 'true' || q.active === 'false') rows = rows.filter((i) => i.active === (q.active === 'true'));
    const page = paginate(req, reply, rows);
    return page ? { ...page, items: page.items.map(itemView) } : reply;
  });
  app.get<{ Params: { code: string } }>(`${P}/items/:code`, async (req, reply) => {
    const i = state().items.get(req.params.code);
    return i ? itemView(i) : fail(req, reply, 'NOT_FOUND', `Article ${req.params.code} does not exist`, [{ field: 'itemCode', issue: 'unknown' }]);
  });
  app.get<{ Params: { code: string } }>(`${P}/price-lists/:code/prices`, async (req, reply) => {
    if (!PRICE_LISTS.some((p) => p.code === req.params.code)) return fail(req, reply, 'NOT_FOUND', `Price list ${req.params.code} does not exist`, [{ field: 'code', issue: 'unknown' }]);
    const since = updatedSince(req, reply);
    if (since === null) return reply;
    let rows = [...state().items.values()].filter((i) => i.type === 'goods' || i.type === 'shipping_fee');
    if (since !== undefined) rows = rows.filter((i) => i.priceUpdatedAt >= since);
    const page = paginate(req, reply, rows);
    return page ? { ...page, items: page.items.map(priceView) } : reply;
  });
  app.get(`${P}/stock`, async (req, reply) => {
    const since = updatedSince(req, reply);
    if (since === null) return reply;
    const q = req.query as Record<string, string | undefined>;
    if (q.warehouse && !WAREHOUSES.some((w) => w.code === q.warehouse)) return fail(req, reply, 'VALIDATION_FAILED', `Unknown warehouse ${q.warehouse}`, [{ field: 'warehouse', issue: 'unknown' }]);
    const rows: Record<string, unknown>[] = [];
    for (const [code, byWh] of state().stock) {
      if (q.itemCode && q.itemCode !== code) continue;
      for (const [wh, r] of byWh) {
        if (q.warehouse && q.warehouse !== wh) continue;
        if (since !== undefined && r.updatedAt < since) continue;
        rows.push(stockView(code, wh, r));
      }
    }
    return paginate(req, reply, rows) ?? reply;
  });

  app.get(`${P}/partners`, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const rows = [...state().partners.values()].filter((p) =>
      (!q.cif || p.cif === q.cif) && (!q.externalRef || p.externalRef === q.externalRef) && (!q.email || p.email === q.email));
    const page = paginate(req, reply, rows);
    return page ? { ...page, items: page.items.map(partnerView) } : reply;
  });
  app.get<{ Params: { id: string } }>(`${P}/partners/:id`, async (req, reply) => {
    const p = state().partners.get(req.params.id);
    return p ? partnerView(p) : fail(req, reply, 'NOT_FOUND', `Partner ${req.params.id} does not exist`, [{ field: 'id', issue: 'unknown' }]);
  });
  app.post(`${P}/partners`, async (req, reply) => {
    if (isInvalidBody(req.body)) return fail(req, reply, 'VALIDATION_FAILED', 'Body is not valid JSON', [{ field: '(body)', issue: req.body.reason }]);
    const r = partnerSchema.safeParse(req.body);
    if (!r.success) return fail(req, reply, 'VALIDATION_FAILED', 'Partner is invalid', zodToDetails(r.error));
    const b = r.data;
    if (b.type === 'company' && b.country === 'RO' && (!b.cif || !isValidCif(b.cif))) {
      return fail(req, reply, 'VALIDATION_FAILED', 'CIF check digit is invalid', [{ field: 'cif', issue: 'invalid check digit' }]);
    }
    const s = state();
    const now = clock.nowMs();
    const existing = s.partnersByRef.get(b.externalRef);
    const fields = {
      externalRef: b.externalRef, type: b.type, name: b.name, cif: b.cif ?? null, country: b.country,
      email: b.email ?? null, phone: b.phone ?? null, address: b.address ?? null, updatedAt: now,
    };
    if (existing) {
      Object.assign(existing, fields);
      return reply.code(200).send(partnerView(existing));
    }
    s.seq.partner += 1;
    const id = `P-${String(s.seq.partner).padStart(6, '0')}`;
    const p: Partner = { id, code: id, ...fields };
    s.partners.set(id, p);
    s.partnersByRef.set(p.externalRef, p);
    return reply.code(201).send(partnerView(p));
  });
}
