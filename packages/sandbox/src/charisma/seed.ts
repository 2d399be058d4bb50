import { generateProducts, WAREHOUSES } from '../generator/catalog.ts';
import { DEFAULT_OPTIONS, SHIPPING_ITEM, type CharismaOptions } from './contract.ts';
import type { CharismaState, Item, StockRow } from './state.ts';

export function emptyState(options: CharismaOptions = DEFAULT_OPTIONS): CharismaState {
  return {
    options: { ...options },
    items: new Map(), stock: new Map(), partners: new Map(), partnersByRef: new Map(),
    salesOrders: new Map(), ordersByRef: new Map(), invoices: new Map(), returns: new Map(), returnsByRef: new Map(),
    idempotency: new Map(), tokens: new Map(), pendingInvoices: new Set(),
    seq: { partner: 0, order: 0, invoice: 0, creditNote: 0, ret: 0 },
  };
}

/** Replace the catalog with N generated products (+ the TRANSPORT shipping-fee item). */
export function seedCatalog(s: CharismaState, products: number, seed: number, now: number): void {
  s.items.clear();
  s.stock.clear();
  const shipping: Item = {
    code: SHIPPING_ITEM.code, name: SHIPPING_ITEM.name, ean: null, unit: 'BUC', type: SHIPPING_ITEM.type, vatCode: SHIPPING_ITEM.vatCode,
    active: true, brand: null, description: 'Taxă de transport', category: null, weightKg: '0.000', dimensionsCm: null, hsCode: null,
    countryOfOrigin: null, imageUrl: null, priceNet: '0.00', priceUpdatedAt: now, updatedAt: now,
  };
  s.items.set(shipping.code, shipping);
  for (const p of generateProducts(products, seed)) {
    s.items.set(p.code, {
      code: p.code, name: p.name, ean: p.ean, unit: p.unit, type: 'goods', vatCode: p.vatCode, active: true, brand: p.brand,
      description: p.description, category: p.category, weightKg: p.weightKg, dimensionsCm: p.dimensionsCm, hsCode: p.hsCode,
      countryOfOrigin: p.countryOfOrigin, imageUrl: p.imageUrl, priceNet: p.priceNet, priceUpdatedAt: now, updatedAt: now,
    });
    const rows = new Map<string, StockRow>();
    for (const w of WAREHOUSES) rows.set(w.code, { onHand: (p.stock[w.code] ?? 0) * 1000, reserved: 0, updatedAt: now });
    s.stock.set(p.code, rows);
  }
}
