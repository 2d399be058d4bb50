-- Migration 20261127045659_reservation_per_line: written by `cli.ts new-migration` from the schema diff.
-- DropIndex
DROP INDEX "StockReservation_orderId_sku_key";

-- CreateIndex
CREATE INDEX "StockReservation_orderId_idx" ON "StockReservation"("orderId");
