/**
 * catalog.read-products: ERP items → Product rows, incrementally. The cursor is
 * saved after the page it covers is stored; records the ERP sends broken are
 * listed on the run, never dropped.
 */
import { categorise, type Product } from '@megzo/domain';
import type { Step } from '../../../engine/context.ts';
import { loadCursor, saveCursor } from '../../../engine/cursors.ts';
import { upsertProducts, type ProductRow } from '../sql.ts';
import type { CatalogState } from '../flow.ts';

export const STREAM = 'products';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * Fields the ERP sends that the canonical record leaves in `raw` (image, category,
 * description, item type): lifted so mappings can use them by their canonical names.
 */
export function normalise(p: Product): Product {
  const raw = p.raw ?? {};
  return {
    ...p,
    imageUrl: p.imageUrl ?? str(raw.imageUrl),
    categoryCode: p.categoryCode ?? str(raw.categoryCode) ?? str(raw.category),
    description: p.description ?? str(raw.description),
  };
}

/** Only sellable goods are published (services, shipping fees and discounts are not articles). */
export function isSellable(p: Product): boolean {
  const type = p.raw?.type;
  return type === undefined || type === 'goods';
}

export const readProductsStep: Step<CatalogState> = {
  id: 'catalog.read-products',
  async run(ctx, state) {
    const erp = ctx.connectors.erp;
    const cursor = await loadCursor(ctx.db, erp.connectionId, STREAM);
    let buffer: ProductRow[] = [];
    let read = 0;
    const flush = async () => {
      const changed = await upsertProducts(ctx.db, ctx.run.tenantId, buffer);
      state.changedProducts += changed.length;
      buffer = [];
    };
    for await (const msg of erp.api.read(STREAM, cursor, { pageSize: ctx.options.pageSize, signal: ctx.signal })) {
      if (msg.type === 'record') {
        const p = normalise(msg.record as Product);
        buffer.push({ sku: p.sku, name: p.name, category: p.categoryCode ?? null, data: p, sourceUpdatedAt: p.updatedAt ?? null });
        read++;
        ctx.run.count('read');
      } else if (msg.type === 'recordError') {
        const error = categorise(msg.error);
        ctx.run.item({ recordKey: msg.key ?? '(unknown)', action: 'read', status: 'FAILED', error, payload: msg.raw });
        ctx.run.count('failed');
      } else if (msg.type === 'checkpoint') {
        await flush();
        await saveCursor(ctx.db, erp.connectionId, STREAM, msg.state);
        ctx.run.progress(read);
        await ctx.run.checkpoint();
        if (ctx.signal.aborted) return;
      } else if (msg.type === 'log') {
        ctx.log.info({ stream: msg.stream, runId: ctx.run.id }, msg.message);
      }
    }
    // Records after the last checkpoint are stored; their cursor comes with the next run's read.
    await flush();
  },
};
