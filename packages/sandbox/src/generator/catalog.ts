import { mixSeed, mulberry32, pick, intBetween, type Rng } from '../common/rng.ts';
import { ADJECTIVES, BRANDS, CATEGORIES, FEATURES, type CategoryDef } from './words.ts';

export const WAREHOUSES = [
  { code: 'DEP01', name: 'Depozit central', sellable: true },
  { code: 'DEP02', name: 'Depozit Cluj-Napoca', sellable: true },
  { code: 'DEP09', name: 'Depozit retururi', sellable: false },
] as const;

export const VAT_RATES = { S21: 21, R11: 11 } as const;

export interface GeneratedProduct {
  index: number;
  code: string;
  name: string;
  /** May contain HTML (an awkward item). */
  description: string;
  ean: string | null;
  unit: 'BUC';
  vatCode: 'S21' | 'R11';
  vatRate: number;
  brand: string;
  category: { code: string; name: string; path: string; cdonCategoryId: number };
  /** Net price in RON, 2 decimals, as a string. */
  priceNet: string;
  /** Price including VAT, round_half_up(net × (1 + rate/100), 2). */
  priceInclVat: string;
  stock: Record<string, number>;
  weightKg: string;
  dimensionsCm: { length: string; width: string; height: string };
  hsCode: string;
  countryOfOrigin: string;
  imageUrl: string;
}

/** EAN-13 check digit of the first 12 digits. */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(ean: string): boolean {
  return /^\d{13}$/.test(ean) && ean13CheckDigit(ean.slice(0, 12)) === Number(ean[12]);
}

/** Half-up rounding of a non-negative amount to 2 decimals, in integer cents (no float drift). */
function roundCents(value: number): number {
  return Math.floor(value * 100 + 0.5 + 1e-9);
}

function cents(c: number): string {
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}

function makeEan(rng: Rng, index: number): string {
  const body = `594${String(index).padStart(6, '0')}${String(intBetween(rng, 0, 999)).padStart(3, '0')}`;
  return body + String(ean13CheckDigit(body));
}

function description(rng: Rng, name: string, cat: CategoryDef, html: boolean): string {
  const f1 = pick(rng, FEATURES);
  const f2 = pick(rng, FEATURES);
  const plain = `${name} din categoria ${cat.name.toLowerCase()}: ${f1}, ${f2}. Produs verificat înainte de expediere.`;
  if (!html) return plain;
  return `<p><strong>${name}</strong> &amp; accesorii</p><ul><li>${f1}</li><li>${f2}</li></ul><script>alert("x")</script><p style="color:red">Preț special!</p>`;
}

/**
 * Product number `index` (1-based) of catalog `seed`. Each product depends only on (seed, index),
 * so any slice is reproducible without generating the ones before it.
 */
export function generateProduct(seed: number, index: number): GeneratedProduct {
  const rng = mulberry32(mixSeed(seed, index));
  const cat = pick(rng, CATEGORIES);
  const brand = pick(rng, BRANDS);
  const noun = pick(rng, cat.nouns);
  const adj = pick(rng, ADJECTIVES);
  const model = `${String.fromCharCode(65 + intBetween(rng, 0, 25))}${intBetween(rng, 1, 999)}`;
  const awkward = rng();
  let name = `${noun} ${brand} ${model} ${adj}`;
  if (awkward < 0.01) {
    // Very long title: longer than CDON's 150-char limit on purpose.
    name = `${name} – ediție specială cu ${pick(rng, FEATURES)}, ${pick(rng, FEATURES)}, ${pick(rng, FEATURES)} și ${pick(rng, FEATURES)}, potrivit pentru toată familia`;
    while (name.length <= 160) name += ` ${pick(rng, ADJECTIVES)}`;
  }
  const html = awkward >= 0.01 && awkward < 0.06;
  const missingEan = rng() < 0.03;
  const zeroStock = rng() < 0.08;
  const rate = VAT_RATES[cat.vatCode];
  const gross = intBetween(rng, cat.priceRange[0], cat.priceRange[1]) + pick(rng, [0.99, 0.9, 0.49, 0]);
  const netCents = roundCents(gross / (1 + rate / 100));
  const grossCents = roundCents((netCents * (100 + rate)) / 10000);
  const stock: Record<string, number> = {};
  for (const w of WAREHOUSES) stock[w.code] = zeroStock ? 0 : w.sellable ? intBetween(rng, 0, 120) : intBetween(rng, 0, 3);
  const weight = cat.weightRange[0] + rng() * (cat.weightRange[1] - cat.weightRange[0]);
  const code = `ART-${String(index).padStart(6, '0')}`;
  return {
    index,
    code,
    name,
    description: description(rng, name, cat, html),
    ean: missingEan ? null : makeEan(rng, index),
    unit: 'BUC',
    vatCode: cat.vatCode,
    vatRate: rate,
    brand,
    category: { code: cat.code, name: cat.name, path: cat.path, cdonCategoryId: cat.cdonCategoryId },
    priceNet: cents(netCents),
    priceInclVat: cents(grossCents),
    stock,
    weightKg: weight.toFixed(3),
    dimensionsCm: {
      length: (10 + rng() * 40).toFixed(1),
      width: (5 + rng() * 30).toFixed(1),
      height: (2 + rng() * 20).toFixed(1),
    },
    hsCode: cat.hsCode,
    countryOfOrigin: pick(rng, ['RO', 'RO', 'CN', 'DE', 'PL', 'IT']),
    imageUrl: `https://images.sandbox.megzo.local/${code}.jpg`,
  };
}

/** Lazily yield products 1..n (memory-lean: nothing is kept). */
export function* generateProducts(n: number, seed = 42): Generator<GeneratedProduct> {
  if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new RangeError(`products must be an integer 0..100000, got ${n}`);
  for (let i = 1; i <= n; i += 1) yield generateProduct(seed, i);
}
