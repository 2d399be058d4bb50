/** Channel quantities for SKUs, from StockLevel, open StockReservations and buffer rules. */
import { Prisma } from '@megzo/db/client';
import type { Db } from '../../engine/db.ts';
import { bufferUnits, channelQuantity, indexBufferRules, type BufferRule } from './compute.ts';

export interface SkuQuantity {
  sku: string;
  available: number;
  reserved: number;
  buffer: number;
  quantity: number;
}

export async function loadBufferRules(db: Db, integrationId: string): Promise<BufferRule[]> {
  const rows = await db.stockBufferRule.findMany({ where: { integrationId } });
  return rows.map((r) => ({ scope: r.scope, key: r.key, kind: r.kind, value: Number(r.value) }));
}

export async function channelQuantities(
  db: Db,
  tenantId: string,
  integrationId: string,
  skus: readonly string[] | null,
  defaultBufferUnits: number,
): Promise<Map<string, SkuQuantity>> {
  const filter = skus ? Prisma.sql`AND sku = ANY(${[...skus]}::text[])` : Prisma.empty;
  const rows = await db.$queryRaw<Array<{ sku: string; available: number; reserved: number; category: string | null }>>`
    SELECT s.sku, s.available::int AS available, COALESCE(r.reserved, 0)::int AS reserved, p.category
    FROM (SELECT sku, SUM(available) AS available FROM "StockLevel" WHERE "tenantId" = ${tenantId} ${filter} GROUP BY sku) s
    LEFT JOIN (SELECT sku, SUM(quantity) AS reserved FROM "StockReservation"
               WHERE "tenantId" = ${tenantId} AND "releasedAt" IS NULL ${filter} GROUP BY sku) r ON r.sku = s.sku
    LEFT JOIN "Product" p ON p."tenantId" = ${tenantId} AND p.sku = s.sku`;
  const index = indexBufferRules(await loadBufferRules(db, integrationId));
  const out = new Map<string, SkuQuantity>();
  for (const r of rows) {
    const buffer = bufferUnits(index, r.sku, r.category, r.available, defaultBufferUnits);
    out.set(r.sku, { sku: r.sku, available: r.available, reserved: r.reserved, buffer, quantity: channelQuantity({ available: r.available, reserved: r.reserved, buffer }) });
  }
  return out;
}
