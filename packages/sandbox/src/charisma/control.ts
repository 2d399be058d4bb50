import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { SimClock } from '../common/clock.ts';
import { parseControl } from '../common/control.ts';
import { WAREHOUSES } from '../generator/catalog.ts';
import { itemView, priceView, stockView } from './catalog.ts';
import type { CharismaOptions } from './contract.ts';
import { issueInvoice, invoiceView } from './invoices.ts';
import { salesOrderView } from './orders.ts';
import { creditReturn, returnView } from './returns.ts';
import type { CharismaState } from './state.ts';

const stockSchema = z.object({
  warehouse: z.enum(WAREHOUSES.map((w) => w.code) as [string, ...string[]]),
  quantity: z.number().min(0).max(1e9),
});
const itemPatchSchema = z.object({
  name: z.string().min(1).optional(),
  priceNet: z.string().regex(/^\d+(\.\d{1,2})?$/).optional(),
  vatCode: z.string().min(1).optional(),
  active: z.boolean().optional(),
}).strict();
const configSchema = z.object({
  tokenTtlS: z.number().int().positive().optional(),
  apiKeyEnabled: z.boolean().optional(),
  insufficientStock: z.enum(['reject', 'accept']).optional(),
  autoInvoiceAfterS: z.number().min(0).nullable().optional(),
  pdfDelayS: z.number().min(0).optional(),
  closedBefore: z.string().regex(/^\d{4}-\d{2}$/).nullable().optional(),
  maintenanceWindow: z.object({ from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) }).nullable().optional(),
}).strict();

export function registerCharismaControl(app: FastifyInstance, state: () => CharismaState, clock: SimClock): void {
  app.get('/_sandbox/sales-orders', async (req) => {
    const q = req.query as Record<string, string | undefined>;
    const rows = [...state().salesOrders.values()].filter((o) => !q.externalRef || o.externalRef === q.externalRef);
    return { salesOrders: rows.map(salesOrderView) };
  });
  app.get<{ Params: { code: string } }>('/_sandbox/items/:code', async (req, reply) => {
    const s = state();
    const item = s.items.get(req.params.code);
    if (!item) return reply.code(404).send({ error: 'unknown item', details: [{ field: 'code', message: `no item ${req.params.code}` }] });
    const stock = [...(s.stock.get(item.code) ?? new Map()).entries()].map(([wh, r]) => stockView(item.code, wh, r));
    return { ...itemView(item), price: priceView(item), stock };
  });
  app.post<{ Params: { code: string } }>('/_sandbox/items/:code/stock', async (req, reply) => {
    const body = parseControl(stockSchema, req.body, reply);
    if (!body) return reply;
    const s = state();
    const byWh = s.stock.get(req.params.code);
    if (!byWh) return reply.code(404).send({ error: 'unknown item', details: [{ field: 'code', message: `no stocked item ${req.params.code}` }] });
    const now = clock.nowMs();
    const row = byWh.get(body.warehouse) ?? { onHand: 0, reserved: 0, updatedAt: now };
    row.onHand = Math.round(body.quantity * 1000);
    row.updatedAt = now;
    byWh.set(body.warehouse, row);
    return stockView(req.params.code, body.warehouse, row);
  });
  app.patch<{ Params: { code: string } }>('/_sandbox/items/:code', async (req, reply) => {
    const body = parseControl(itemPatchSchema, req.body, reply);
    if (!body) return reply;
    const item = state().items.get(req.params.code);
    if (!item) return reply.code(404).send({ error: 'unknown item', details: [{ field: 'code', message: `no item ${req.params.code}` }] });
    const now = clock.nowMs();
    if (body.priceNet !== undefined) {
      item.priceNet = body.priceNet;
      item.priceUpdatedAt = now;
    }
    if (body.name !== undefined) item.name = body.name;
    if (body.vatCode !== undefined) item.vatCode = body.vatCode;
    if (body.active !== undefined) item.active = body.active;
    item.updatedAt = now;
    return itemView(item);
  });
  app.post<{ Params: { id: string } }>('/_sandbox/sales-orders/:id/invoice', async (req, reply) => {
    const s = state();
    const o = s.salesOrders.get(req.params.id);
    if (!o) return reply.code(404).send({ error: 'unknown sales order', details: [{ field: 'id', message: `no sales order ${req.params.id}` }] });
    if (o.status === 'cancelled') return reply.code(409).send({ error: 'sales order is cancelled', details: [{ field: 'id', message: 'cancelled' }] });
    const now = clock.nowMs();
    return invoiceView(issueInvoice(s, o, now), now);
  });
  app.post<{ Params: { id: string } }>('/_sandbox/returns/:id/credit', async (req, reply) => {
    const s = state();
    const r = s.returns.get(req.params.id);
    if (!r) return reply.code(404).send({ error: 'unknown return', details: [{ field: 'id', message: `no return ${req.params.id}` }] });
    creditReturn(s, r, clock.nowMs());
    return returnView(r);
  });
  app.get('/_sandbox/config', async () => state().options);
  app.post('/_sandbox/config', async (req, reply) => {
    const body = parseControl(configSchema, req.body, reply);
    if (!body) return reply;
    Object.assign(state().options, body as Partial<CharismaOptions>);
    return state().options;
  });
}
