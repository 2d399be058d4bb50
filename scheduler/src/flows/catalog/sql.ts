/**
 * Set-based writes for the catalog flow: 100 000 products must not cost 100 000
 * round trips. Each statement takes a JSON array and upserts it in one go.
 */
import type { Db } from '../../engine/db.ts';

export interface ProductRow {
  sku: string;
  name: string;
  category: string | null;
  data: unknown;
  sourceUpdatedAt: string | null;
}

/** Upserts products; returns the ids of rows that were inserted or whose data changed. */
export async function upsertProducts(db: Db, tenantId: string, rows: readonly ProductRow[]): Promise<Array<{ id: string; sku: string }>> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(rows);
  return db.$queryRaw<Array<{ id: string; sku: string }>>`
    INSERT INTO "Product" (id, "tenantId", sku, name, category, data, "sourceUpdatedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${tenantId}, x.sku, x.name, x.category, x.data, x."sourceUpdatedAt"::timestamptz, now(), now()
    FROM jsonb_to_recordset(${json}::jsonb) AS x(sku text, name text, category text, data jsonb, "sourceUpdatedAt" text)
    ON CONFLICT ("tenantId", sku) DO UPDATE
      SET name = EXCLUDED.name, category = EXCLUDED.category, data = EXCLUDED.data,
          "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt", "updatedAt" = now()
      WHERE "Product".data IS DISTINCT FROM EXCLUDED.data
    RETURNING id, sku`;
}

export interface BindingRow {
  internalId: string;
  externalId: string;
  hash: string | null;
  externalVersion: string | null;
}

export async function upsertBindings(db: Db, tenantId: string, connectionId: string, entityType: string, rows: readonly BindingRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "ExternalBinding" (id, "tenantId", "connectionId", "entityType", "internalId", "externalId", hash, "externalVersion", "syncedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${tenantId}, ${connectionId}, ${entityType}, x."internalId", x."externalId", x.hash, x."externalVersion", now(), now(), now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("internalId" text, "externalId" text, hash text, "externalVersion" text)
    ON CONFLICT ("connectionId", "entityType", "internalId") DO UPDATE
      SET hash = EXCLUDED.hash, "externalVersion" = COALESCE(EXCLUDED."externalVersion", "ExternalBinding"."externalVersion"),
          "syncedAt" = now(), "updatedAt" = now()`;
}

export async function clearBindingHashes(db: Db, connectionId: string, entityType: string, internalIds: readonly string[]): Promise<void> {
  if (internalIds.length === 0) return;
  await db.externalBinding.updateMany({ where: { connectionId, entityType, internalId: { in: [...internalIds] } }, data: { hash: null } });
}

export interface ListingRow {
  productId: string;
  market: string;
  price: string | null;
  currency: string | null;
  quantity: number | null;
  status: string;
  mappingVersionId: string | null;
  sourceValues: unknown;
  lastError: string | null;
  pushed: boolean;
}

export async function upsertListings(db: Db, tenantId: string, connectionId: string, rows: readonly ListingRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "Listing" (id, "tenantId", "productId", "connectionId", market, "lastPushedPrice", currency, "lastPushedQuantity", status,
                           "mappingVersionId", "sourceValues", "pushedAt", "lastError", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${tenantId}, x."productId", ${connectionId}, x.market, x.price::numeric, x.currency, x.quantity, x.status,
           x."mappingVersionId", x."sourceValues", CASE WHEN x.pushed THEN now() END, x."lastError", now(), now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x("productId" text, market text, price text, currency text, quantity int, status text, "mappingVersionId" text, "sourceValues" jsonb, "lastError" text, pushed boolean)
    ON CONFLICT ("connectionId", "productId", market) DO UPDATE
      SET "lastPushedPrice" = COALESCE(EXCLUDED."lastPushedPrice", "Listing"."lastPushedPrice"),
          currency = COALESCE(EXCLUDED.currency, "Listing".currency),
          "lastPushedQuantity" = COALESCE(EXCLUDED."lastPushedQuantity", "Listing"."lastPushedQuantity"),
          status = EXCLUDED.status,
          "mappingVersionId" = COALESCE(EXCLUDED."mappingVersionId", "Listing"."mappingVersionId"),
          "sourceValues" = COALESCE(EXCLUDED."sourceValues", "Listing"."sourceValues"),
          "pushedAt" = COALESCE(EXCLUDED."pushedAt", "Listing"."pushedAt"),
          "lastError" = EXCLUDED."lastError",
          "updatedAt" = now()`;
}

/** Sets the status of every market listing of the given SKUs on one connection. */
export async function setListingStatus(db: Db, connectionId: string, productIds: readonly string[], status: string, lastError: string | null): Promise<void> {
  if (productIds.length === 0) return;
  await db.listing.updateMany({ where: { connectionId, productId: { in: [...productIds] } }, data: { status, lastError } });
}

/**
 * Products that need publishing on a connection: never listed there, changed
 * since their listing was written (even by a run that crashed before publishing),
 * listed with another mapping version, or in error.
 */
export async function publishCandidates(
  db: Db,
  tenantId: string,
  connectionId: string,
  mappingVersionId: string | null,
  afterId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT p.id FROM "Product" p
    WHERE p."tenantId" = ${tenantId} AND p.id > ${afterId}
      AND (
        NOT EXISTS (SELECT 1 FROM "Listing" l WHERE l."connectionId" = ${connectionId} AND l."productId" = p.id)
        OR EXISTS (SELECT 1 FROM "Listing" l WHERE l."connectionId" = ${connectionId} AND l."productId" = p.id
                   AND (l.status IN ('error', 'pending') OR l."mappingVersionId" IS DISTINCT FROM ${mappingVersionId}
                        OR l."updatedAt" < p."updatedAt"))
      )
    ORDER BY p.id
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** An unchanged article: its listings now carry the run's mapping version; status is kept. */
export async function touchListingsVersion(db: Db, connectionId: string, productIds: readonly string[], mappingVersionId: string | null): Promise<void> {
  if (productIds.length === 0) return;
  await db.listing.updateMany({ where: { connectionId, productId: { in: [...productIds] } }, data: { mappingVersionId } });
}
