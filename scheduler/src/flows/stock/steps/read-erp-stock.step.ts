/** stock.read-erp: ERP stock levels → StockLevel rows; cursor saved after each stored page. */
import { categorise, type StockLevel } from '@megzo/domain';
import type { Step } from '../../../engine/context.ts';
import { loadCursor, saveCursor } from '../../../engine/cursors.ts';
import type { StockState } from '../flow.ts';

export const STOCK_STREAM = 'stockLevels';

export const readErpStockStep: Step<StockState> = {
  id: 'stock.read-erp',
  async run(ctx, state) {
    const erp = ctx.connectors.erp;
    const cursor = await loadCursor(ctx.db, erp.connectionId, STOCK_STREAM);
    let buffer: StockLevel[] = [];
    const flush = async () => {
      if (buffer.length === 0) return;
      const rows = buffer.map((s) => ({ sku: s.sku, warehouse: s.warehouse, available: Math.max(0, Math.floor(s.available)) }));
      await ctx.db.$executeRaw`
        INSERT INTO "StockLevel" (id, "tenantId", sku, warehouse, available, "createdAt", "updatedAt")
        SELECT gen_random_uuid()::text, ${ctx.run.tenantId}, x.sku, x.warehouse, x.available, now(), now()
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(sku text, warehouse text, available int)
        ON CONFLICT ("tenantId", sku, warehouse) DO UPDATE SET available = EXCLUDED.available, "updatedAt" = now()
        WHERE "StockLevel".available IS DISTINCT FROM EXCLUDED.available`;
      for (const r of rows) state.touched.add(r.sku);
      buffer = [];
    };
    for await (const msg of erp.api.read(STOCK_STREAM, cursor, { pageSize: ctx.options.pageSize, signal: ctx.signal })) {
      if (msg.type === 'record') {
        buffer.push(msg.record as StockLevel);
        ctx.run.count('read');
      } else if (msg.type === 'recordError') {
        ctx.run.item({ recordKey: msg.key ?? '(unknown)', action: 'read-stock', status: 'FAILED', error: categorise(msg.error), payload: msg.raw });
        ctx.run.count('failed');
      } else if (msg.type === 'checkpoint') {
        await flush();
        await saveCursor(ctx.db, erp.connectionId, STOCK_STREAM, msg.state);
        await ctx.run.checkpoint();
        if (ctx.signal.aborted) return;
      }
    }
    await flush();
  },
};
