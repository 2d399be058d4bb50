/**
 * Default catalog mapping: canonical Product (Charisma item) → CDON article
 * (cdon-api.md §3.2). Evaluated once per market with $market, $currency,
 * $vatRate, $language and $date bound; `assembleCdonArticle` merges the
 * per-market outputs into one article. `quantity` is not mapped (stock flow).
 */
import { MARKET_LANGUAGE } from '@megzo/domain';
import type { MappingVersionContent, MarketCode, TargetField } from '../types.ts';

/** The SE price rule: a pipeline the studio's visual editor can edit. */
export const CATALOG_PRICE_EXPRESSION =
  "netPrice ~> $convert(currency, $currency) ~> $vatAdd($vatRate) ~> $round(2, 'half-up') ~> $priceEnding('.00')";

export const CATALOG_TITLE_EXPRESSION =
  '$coalesce($lookup(raw.titles, $language), name) ~> $stripHtml() ~> $fixDiacritics() ~> $normalizeSpace() ~> $truncateWords(150)';

export const catalogContent: MappingVersionContent = {
  rules: [
    { target: 'sku', expression: 'sku', note: 'The ERP item code is the CDON SKU' },
    { target: 'status', expression: 'active = false ? "paused" : "for sale"', note: 'Inactive ERP items are paused' },
    { target: 'main_image', expression: '$coalesce(imageUrl, images[0])' },
    { target: 'markets', expression: '[$market]', note: 'Each market evaluation lists its own market; assembly unions them' },
    { target: 'title', expression: CATALOG_TITLE_EXPRESSION, note: "Title in the market's language: raw.titles[language] if the ERP has a translation, else the item name" },
    {
      target: 'description',
      expression: '$coalesce($lookup(raw.descriptions, $language), description, name) ~> $stripHtml() ~> $fixDiacritics() ~> $truncateWords(4096)',
      note: 'Plain text, HTML removed',
    },
    { target: 'gtin', expression: 'ean' },
    { target: 'category', expression: "$lookup('categories', categoryCode)", note: 'ERP category code → CDON category id' },
    { target: 'brand', expression: 'brand ~> $truncateWords(50)' },
    { target: 'price.amount_including_vat', expression: CATALOG_PRICE_EXPRESSION, note: 'RON net → market currency (BNR), + destination VAT, 2 dp half-up, whole units up' },
    { target: 'price.currency', expression: '$currency' },
    { target: 'price.vat_rate', expression: '$percentToFraction($vatRate)', note: 'CDON wants a fraction: 25 % → 0.25' },
    { target: 'shipping_time.min', expression: "$number($lookup('shippingDaysMin', $market, '2'))" },
    { target: 'shipping_time.max', expression: "$number($lookup('shippingDaysMax', $market, '5'))" },
  ],
  lookups: {
    categories: { AUDIO: '1124', CASTI: '1124', TELEFOANE: '1230', ACCESORII: '1301', ELECTROCASNICE: '1402' },
    shippingDaysMin: { SE: '2', DK: '2', FI: '3', NO: '3' },
    shippingDaysMax: { SE: '5', DK: '5', FI: '6', NO: '6' },
  },
  marketOverrides: {
    FI: [
      {
        target: 'price.amount_including_vat',
        expression: "netPrice ~> $convert(currency, $currency) ~> $vatAdd($vatRate) ~> $round(2, 'half-up') ~> $priceEnding('.90')",
        note: 'Euro prices end in .90',
      },
    ],
  },
};

export const catalogTargets: TargetField[] = [
  { name: 'sku', type: 'string', required: true, description: 'Article SKU, 1–64 characters' },
  { name: 'status', type: 'enum', required: true, enumValues: ['for sale', 'paused'] },
  { name: 'main_image', type: 'string', required: true, description: 'Image URL' },
  { name: 'markets', type: 'list', required: true },
  { name: 'title', type: 'string', required: true, description: "Title in the market's language, 5–150 characters" },
  { name: 'description', type: 'string', required: true, description: '10–4096 characters' },
  { name: 'gtin', type: 'string', description: 'EAN/GTIN, up to 13 digits' },
  { name: 'category', type: 'string', description: 'CDON category id' },
  { name: 'brand', type: 'string' },
  { name: 'price.amount_including_vat', type: 'money', required: true, format: 'number', description: 'Consumer price incl. VAT' },
  { name: 'price.currency', type: 'enum', required: true, enumValues: ['SEK', 'DKK', 'EUR', 'NOK'] },
  { name: 'price.vat_rate', type: 'number', description: 'VAT as a fraction, 0.25' },
  { name: 'shipping_time.min', type: 'number', required: true },
  { name: 'shipping_time.max', type: 'number', required: true },
];

export interface CdonArticle {
  sku: unknown;
  status: unknown;
  main_image: unknown;
  markets: string[];
  title: Array<{ language: string; value: unknown }>;
  description: Array<{ language: string; value: unknown }>;
  price: Array<{ market: string; value: unknown }>;
  shipping_time: Array<{ market: string; min: unknown; max: unknown }>;
  [field: string]: unknown;
}

const PER_MARKET = new Set(['markets', 'title', 'description', 'price', 'shipping_time']);

/**
 * Merge per-market outputs of the catalog mapping into one CDON article:
 * market-independent fields come from the first market; title/description
 * become `[{language, value}]`, price `[{market, value}]`, shipping_time
 * `[{market, min, max}]`.
 */
export function assembleCdonArticle(perMarket: Array<{ market: MarketCode; output: Record<string, unknown> }>): CdonArticle {
  const first = perMarket[0]?.output ?? {};
  const article: CdonArticle = {
    sku: first.sku, status: first.status, main_image: first.main_image,
    markets: [], title: [], description: [], price: [], shipping_time: [],
  };
  for (const [k, v] of Object.entries(first)) if (!PER_MARKET.has(k) && !(k in article)) article[k] = v;
  for (const { market, output } of perMarket) {
    const language = MARKET_LANGUAGE[market];
    if (!article.markets.includes(market)) article.markets.push(market);
    if (output.title !== undefined && !article.title.some((t) => t.language === language)) article.title.push({ language, value: output.title });
    if (output.description !== undefined && !article.description.some((t) => t.language === language)) {
      article.description.push({ language, value: output.description });
    }
    if (output.price !== undefined) article.price.push({ market, value: output.price });
    const st = output.shipping_time as { min?: unknown; max?: unknown } | undefined;
    if (st) article.shipping_time.push({ market, min: st.min, max: st.max });
  }
  return article;
}
