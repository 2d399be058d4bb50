import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { SimClock } from '../common/clock.ts';
import { isInvalidBody } from '../common/http.ts';
import { bucharestIso } from '../common/time.ts';
import { WAREHOUSES } from '../generator/catalog.ts';
import { API_PREFIX, RETURN_REASONS } from './contract.ts';
import { fail, paginate, zodToDetails } from './errors.ts';
import { checkIdempotency, sendRecorded } from './idempotency.ts';
import { issueCreditNote } from './invoices.ts';
import { milliToStr, strToMilli, type CharismaState, type ReturnDoc } from './state.ts';

const returnSchema = z.object({
  externalRef: z.string().min(1).max(100),
  salesOrderId: z.string().min(1),
  invoiceId: z.string().min(1).nullable().optional(),
  reason: z.enum(RETURN_REASONS),
  lines: z.array(z.object({
    itemCode: z.string().min(1),
    quantity: z.string().regex(/^\d+(\.\d{1,3})?$/, 'must be a decimal string with up to 3 decimals'),
    restock: z.boolean().default(true),
    warehouse: z.string().default('DEP01'),
  })).min(1),
  receivedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/).nullable().optional(),
});

export function returnView(r: ReturnDoc): Record<string, unknown> {
  return {
    id: r.id, externalRef: r.externalRef, salesOrderId: r.salesOrderId, invoiceId: r.invoiceId, reason: r.reason, status: r.status,
    lines: r.lines.map(({ quantityMilli, ...l }) => ({ ...l, quantity: milliToStr(quantityMilli) })),
    receivedAt: r.receivedAt, creditNoteId: r.creditNoteId, createdAt: bucharestIso(r.createdAt), updatedAt: bucharestIso(r.updatedAt),
  };
}

/** Move a return to `credited`: restock lines marked restock and produce the credit note. */
export function creditReturn(s: CharismaState, r: ReturnDoc, now: number): void {
  if (r.status === 'credited' || r.status === 'rejected') return;
  for (const l of r.lines) {
    if (!l.restock) continue;
    const row = s.stock.get(l.itemCode)?.get(l.warehouse);
    if (row) {
      row.onHand += l.quantityMilli;
      row.updatedAt = now;
    }
  }
  const cn = issueCreditNote(s, r, now);
  r.creditNoteId = cn.id;
  r.status = 'credited';
  r.updatedAt = now;
}

export function registerReturnRoutes(app: FastifyInstance, state: () => CharismaState, clock: SimClock): void {
  const P = API_PREFIX;
  app.post(`${P}/returns`, async (req, reply) => {
    const s = state();
    if (isInvalidBody(req.body)) return fail(req, reply, 'VALIDATION_FAILED', 'Body is not valid JSON', [{ field: '(body)', issue: req.body.reason }]);
    const k = checkIdempotency(s, 'returns', req, reply);
    if (!k) return reply;
    const parsed = returnSchema.safeParse(req.body);
    if (!parsed.success) return fail(req, reply, 'VALIDATION_FAILED', 'Return is invalid', zodToDetails(parsed.error));
    const b = parsed.data;
    const dup = s.returnsByRef.get(b.externalRef);
    if (dup) return fail(req, reply, 'DUPLICATE_EXTERNAL_REF', `A return with externalRef ${b.externalRef} already exists`, [{ field: 'externalRef', issue: 'duplicate' }], { existingId: dup.id });
    const o = s.salesOrders.get(b.salesOrderId);
    if (!o) return fail(req, reply, 'NOT_FOUND', `Sales order ${b.salesOrderId} does not exist`, [{ field: 'salesOrderId', issue: 'unknown' }]);
    if (b.invoiceId && !s.invoices.has(b.invoiceId)) return fail(req, reply, 'NOT_FOUND', `Invoice ${b.invoiceId} does not exist`, [{ field: 'invoiceId', issue: 'unknown' }]);
    const lines: ReturnDoc['lines'] = [];
    for (const [i, l] of b.lines.entries()) {
      const ol = o.lines.find((x) => x.itemCode === l.itemCode);
      if (!ol) return fail(req, reply, 'ITEM_NOT_FOUND', `Article ${l.itemCode} is not on sales order ${o.id}`, [{ field: `lines[${i}].itemCode`, issue: 'not on the sales order' }]);
      const q = strToMilli(l.quantity) ?? 0;
      if (q <= 0 || q > ol.quantityMilli) return fail(req, reply, 'VALIDATION_FAILED', `Returned quantity must be 0 < q <= ${milliToStr(ol.quantityMilli)}`, [{ field: `lines[${i}].quantity`, issue: 'out of range' }]);
      if (!WAREHOUSES.some((w) => w.code === l.warehouse)) return fail(req, reply, 'VALIDATION_FAILED', `Warehouse ${l.warehouse} is unknown`, [{ field: `lines[${i}].warehouse`, issue: 'unknown' }]);
      lines.push({ itemCode: l.itemCode, quantityMilli: q, restock: l.restock, warehouse: l.warehouse });
    }
    const now = clock.nowMs();
    s.seq.ret += 1;
    const r: ReturnDoc = {
      id: `RET-${new Date(now).getUTCFullYear()}-${String(s.seq.ret).padStart(6, '0')}`, externalRef: b.externalRef, salesOrderId: o.id,
      invoiceId: b.invoiceId ?? o.invoiceId, reason: b.reason, status: 'registered', lines, receivedAt: b.receivedAt ?? null,
      creditNoteId: null, createdAt: now, updatedAt: now,
    };
    s.returns.set(r.id, r);
    s.returnsByRef.set(r.externalRef, r);
    return sendRecorded(s, k, req, reply, 201, returnView(r));
  });
  app.get(`${P}/returns`, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const rows = [...state().returns.values()].filter((r) => (!q.externalRef || r.externalRef === q.externalRef) && (!q.salesOrderId || r.salesOrderId === q.salesOrderId));
    const page = paginate(req, reply, rows);
    return page ? { ...page, items: page.items.map(returnView) } : reply;
  });
  app.get<{ Params: { id: string } }>(`${P}/returns/:id`, async (req, reply) => {
    const r = state().returns.get(req.params.id);
    return r ? returnView(r) : fail(req, reply, 'NOT_FOUND', `Return ${req.params.id} does not exist`, [{ field: 'id', issue: 'unknown' }]);
  });
}
