/** Source-field discovery from sample records (for validation and completion). */
import { Order, Product } from '@megzo/domain';

export interface SourceField {
  /** Dotted path, arrays flattened: `lines.sku`. */
  path: string;
  type: 'string' | 'number' | 'boolean' | 'object' | 'list' | 'null' | 'mixed';
  /** A sample value (scalars only, shortened). */
  example?: string;
}

function kind(v: unknown): SourceField['type'] {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
}

/** Walk sample records and list every field path with its type and an example. */
export function discoverSourceFields(records: readonly unknown[], maxDepth = 6): SourceField[] {
  const found = new Map<string, SourceField>();
  const add = (path: string, v: unknown) => {
    const k = kind(v);
    const prev = found.get(path);
    if (!prev) {
      const example = k === 'string' || k === 'number' || k === 'boolean' ? String(v).slice(0, 60) : undefined;
      found.set(path, { path, type: k, example });
    } else if (prev.type !== k && k !== 'null') {
      found.set(path, { ...prev, type: prev.type === 'null' ? k : 'mixed' });
    }
  };
  const walk = (v: unknown, prefix: string, depth: number) => {
    if (depth > maxDepth) return;
    if (Array.isArray(v)) {
      for (const item of v.slice(0, 20)) if (item !== null && typeof item === 'object') walk(item, prefix, depth + 1);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      const path = prefix ? `${prefix}.${k}` : k;
      add(path, child);
      walk(child, path, depth + 1);
    }
  };
  for (const r of records.slice(0, 500)) walk(r, '', 0);
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Top-level field names of the canonical source kinds (fields a sample may lack). */
export const CANONICAL_FIELDS: Record<'product' | 'order', string[]> = {
  product: [...Object.keys(Product.shape), 'raw.*'],
  order: [
    ...Object.keys(Order.shape),
    'lines.lineId', 'lines.sku', 'lines.title', 'lines.quantity', 'lines.netAmount', 'lines.vatAmount', 'lines.vatRate', 'lines.currency',
    ...['customer', 'shipTo'].flatMap((p) => ['name', 'company', 'street', 'street2', 'postalCode', 'city', 'country', 'phone', 'email'].map((f) => `${p}.${f}`)),
    'tracking.trackingNumber', 'tracking.carrier', 'raw.*',
  ],
};
