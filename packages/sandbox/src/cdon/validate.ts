import {
  DELIVERY_TYPES, FREE_TEXT_PROPERTIES, LANGUAGES, MARKET_CURRENCY, MARKETS, NUMERICAL_PROPERTIES,
  PRESET_PROPERTIES, STATUSES, type CdonMarket,
} from './constants.ts';
import { isRecord } from '../common/http.ts';

/** One CDON validation error entry: `{"message": "...", "field": ["main_image"]}`. */
export interface FieldError {
  message: string;
  field: string[];
}

type Obj = Record<string, unknown>;
const MISSING = 'Required field missing';
const INVALID = 'Invalid value';

function err(errors: FieldError[], field: string, message = INVALID): void {
  errors.push({ message, field: [field] });
}

function isStr(v: unknown, min: number, max: number): v is string {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function isMarket(v: unknown): v is CdonMarket {
  return typeof v === 'string' && (MARKETS as readonly string[]).includes(v);
}

/** Amount: JSON number or numeric string, > 0, at most 7 integer digits and 2 decimals. */
export function parseAmount(v: unknown): number | null {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : null;
  if (s === null || !/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}

function checkTexts(errors: FieldError[], name: string, v: unknown, min: number, max: number): void {
  if (!Array.isArray(v) || v.length === 0) return err(errors, name, Array.isArray(v) ? MISSING : INVALID);
  v.forEach((t, i) => {
    if (!isRecord(t)) return err(errors, `${name}[${i}]`);
    if (typeof t.language !== 'string' || !(LANGUAGES as readonly string[]).includes(t.language)) err(errors, `${name}[${i}].language`);
    if (!isStr(t.value, min, max)) err(errors, `${name}[${i}].value`);
  });
}

export function checkPrice(errors: FieldError[], v: unknown): void {
  if (!Array.isArray(v) || v.length === 0) return err(errors, 'price', Array.isArray(v) ? MISSING : INVALID);
  const seen = new Set<string>();
  v.forEach((p, i) => {
    if (!isRecord(p)) return err(errors, `price[${i}]`);
    if (!isMarket(p.market)) return err(errors, `price[${i}].market`);
    if (seen.has(p.market)) err(errors, `price[${i}].market`, 'Duplicate market');
    seen.add(p.market);
    const val = p.value;
    if (!isRecord(val)) return err(errors, `price[${i}].value`, MISSING);
    if (val.amount_including_vat === undefined) err(errors, `price[${i}].value.amount_including_vat`, MISSING);
    else if (parseAmount(val.amount_including_vat) === null) err(errors, `price[${i}].value.amount_including_vat`);
    if (val.currency === undefined) err(errors, `price[${i}].value.currency`, MISSING);
    else if (val.currency !== MARKET_CURRENCY[p.market]) err(errors, `price[${i}].value.currency`, `Currency must be ${MARKET_CURRENCY[p.market]} for market ${p.market}`);
    if (val.vat_rate !== undefined && val.vat_rate !== null && (typeof val.vat_rate !== 'number' || val.vat_rate < 0 || val.vat_rate >= 1)) {
      err(errors, `price[${i}].value.vat_rate`);
    }
  });
}

function checkShipping(errors: FieldError[], v: unknown): void {
  if (!Array.isArray(v) || v.length === 0) return err(errors, 'shipping_time', Array.isArray(v) ? MISSING : INVALID);
  v.forEach((s, i) => {
    if (!isRecord(s)) return err(errors, `shipping_time[${i}]`);
    if (!isMarket(s.market)) err(errors, `shipping_time[${i}].market`);
    if (!isInt(s.min, 1, 9)) err(errors, `shipping_time[${i}].min`);
    if (!isInt(s.max, 1, 9)) err(errors, `shipping_time[${i}].max`);
    else if (isInt(s.min, 1, 9) && s.min > s.max) err(errors, `shipping_time[${i}].max`, 'max must be greater than or equal to min');
  });
}

function checkOptional(errors: FieldError[], a: Obj): void {
  if (a.parent_sku !== undefined && !isStr(a.parent_sku, 1, 64)) err(errors, 'parent_sku');
  if (a.category !== undefined && !(typeof a.category === 'string' && /^\d+$/.test(a.category))) err(errors, 'category');
  if (a.brand !== undefined && !isStr(a.brand, 1, 50)) err(errors, 'brand');
  if (a.gtin !== undefined && !isStr(a.gtin, 1, 13)) err(errors, 'gtin');
  if (a.kn_number !== undefined && !isStr(a.kn_number, 1, 48)) err(errors, 'kn_number');
  if (a.shipped_from !== undefined && a.shipped_from !== 'EU' && a.shipped_from !== 'NON_EU') err(errors, 'shipped_from');
  if (a.images !== undefined) {
    if (!Array.isArray(a.images) || a.images.length > 10) err(errors, 'images', 'At most 10 images');
    else a.images.forEach((u, i) => { if (!isStr(u, 1, 1500)) err(errors, `images[${i}]`); });
  }
  if (a.delivery_type !== undefined) {
    if (!Array.isArray(a.delivery_type)) err(errors, 'delivery_type');
    else a.delivery_type.forEach((d, i) => {
      if (!isRecord(d) || !isMarket(d.market)) err(errors, `delivery_type[${i}].market`);
      else if (!(DELIVERY_TYPES as readonly string[]).includes(String(d.value))) err(errors, `delivery_type[${i}].value`);
    });
  }
  if (a.variational_properties !== undefined && !(Array.isArray(a.variational_properties) && a.variational_properties.every((p) => typeof p === 'string'))) {
    err(errors, 'variational_properties');
  }
  if (a.properties !== undefined) {
    if (!Array.isArray(a.properties)) err(errors, 'properties');
    else a.properties.forEach((p, i) => {
      if (!isRecord(p) || typeof p.name !== 'string') return err(errors, `properties[${i}].name`, MISSING);
      const preset = PRESET_PROPERTIES[p.name];
      if (preset) {
        if (typeof p.value !== 'string' || !preset.includes(p.value)) err(errors, `properties[${i}].value`);
      } else if (NUMERICAL_PROPERTIES.includes(p.name)) {
        if (!isStr(p.value, 1, 50)) err(errors, `properties[${i}].value`);
      } else if (FREE_TEXT_PROPERTIES.includes(p.name)) {
        if (!isStr(p.value, 1, 36)) err(errors, `properties[${i}].value`);
        if (typeof p.language !== 'string' || !(LANGUAGES as readonly string[]).includes(p.language)) err(errors, `properties[${i}].language`, MISSING);
      } else {
        err(errors, `properties[${i}].name`, 'Unknown property');
      }
    });
  }
  if (a.classifications !== undefined && !(Array.isArray(a.classifications) && a.classifications.every((c) => isRecord(c) && typeof c.name === 'string' && typeof c.value === 'string'))) {
    err(errors, 'classifications');
  }
  if (a.unique_selling_points !== undefined && !Array.isArray(a.unique_selling_points)) err(errors, 'unique_selling_points');
  if (a.specifications !== undefined && !Array.isArray(a.specifications)) err(errors, 'specifications');
  if (a.manufacturer !== undefined) {
    const m = a.manufacturer;
    if (!isRecord(m) || typeof m.name !== 'string') err(errors, 'manufacturer.name', MISSING);
    else if (!isRecord(m.address)) err(errors, 'manufacturer.address', MISSING);
    else for (const k of ['street_address', 'city', 'postal_code']) if (typeof m.address[k] !== 'string') err(errors, `manufacturer.address.${k}`, MISSING);
  }
}

/** Checks shared by create and update_article; `required` lists fields that must be present. */
function checkArticleBody(errors: FieldError[], a: Obj, required: string[]): void {
  for (const f of required) if (a[f] === undefined || a[f] === null) err(errors, f, MISSING);
  const present = (f: string): boolean => a[f] !== undefined && a[f] !== null;
  if (present('status') && !(STATUSES as readonly string[]).includes(String(a.status))) err(errors, 'status');
  if (present('quantity') && !isInt(a.quantity, 0, 500_000)) err(errors, 'quantity');
  if (present('main_image') && !isStr(a.main_image, 1, 1500)) err(errors, 'main_image');
  if (present('markets')) {
    if (!Array.isArray(a.markets) || a.markets.length === 0) err(errors, 'markets');
    else a.markets.forEach((m, i) => { if (!isMarket(m)) err(errors, `markets[${i}]`); });
  }
  if (present('price')) checkPrice(errors, a.price);
  if (present('shipping_time')) checkShipping(errors, a.shipping_time);
  if (present('title')) checkTexts(errors, 'title', a.title, 5, 150);
  if (present('description')) checkTexts(errors, 'description', a.description, 10, 4096);
  checkOptional(errors, a);
}

export const CREATE_REQUIRED = ['sku', 'status', 'quantity', 'main_image', 'markets', 'price', 'shipping_time', 'title', 'description'];
export const UPDATE_REQUIRED = ['status', 'main_image', 'markets', 'shipping_time', 'title', 'description'];

export function validateCreate(a: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!isRecord(a)) return [{ message: INVALID, field: ['article'] }];
  checkArticleBody(errors, a, CREATE_REQUIRED);
  if (a.sku !== undefined && !isStr(a.sku, 1, 64)) err(errors, 'sku');
  return errors;
}

export function validateUpdateArticle(body: unknown): FieldError[] {
  if (!isRecord(body)) return UPDATE_REQUIRED.map((f) => ({ message: MISSING, field: [f] }));
  const errors: FieldError[] = [];
  const { price: _price, quantity: _quantity, ...rest } = body;
  checkArticleBody(errors, rest, UPDATE_REQUIRED);
  if (body.price !== undefined) err(errors, 'price', 'Field not allowed for this action');
  if (body.quantity !== undefined) err(errors, 'quantity', 'Field not allowed for this action');
  return errors;
}

export function validatePriceUpdate(body: unknown): FieldError[] {
  if (!isRecord(body) || body.price === undefined) return [{ message: MISSING, field: ['price'] }];
  const errors: FieldError[] = [];
  checkPrice(errors, body.price);
  return errors;
}

export function validateQuantityUpdate(body: unknown): FieldError[] {
  if (!isRecord(body) || body.quantity === undefined) return [{ message: MISSING, field: ['quantity'] }];
  return isInt(body.quantity, 0, 500_000) ? [] : [{ message: INVALID, field: ['quantity'] }];
}
