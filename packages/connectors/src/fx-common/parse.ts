/**
 * BNR and ECB XML, parsed by local element names (namespaces changed in 2026 and the
 * prefixes differ between feeds). The Cube date is the rate date, never PublishingDate.
 */
import Decimal from 'decimal.js';
import { XMLParser } from 'fast-xml-parser';
import { TransientError } from '@megzo/domain';
import type { FxRate } from '../contract/kinds.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'Cube' || name === 'Rate',
});

export interface DayTable {
  date: string;
  rates: Array<{ currency: string; value: string; multiplier: number }>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUM = /^\d+(\.\d+)?$/;

function notXml(source: string, text: string): TransientError {
  return new TransientError({ message: `${source} feed did not return the rates XML`, internalMessage: text.slice(0, 200), code: 'NOT_XML', source });
}

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** BNR `DataSet › Body › Cube@date › Rate@currency[@multiplier]` → days, newest first. */
export function parseBnr(xml: string, source = 'fx-bnr'): DayTable[] {
  if (!/^\s*(<\?xml|<)/.test(xml) || /<html/i.test(xml.slice(0, 500))) throw notXml(source, xml);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch {
    throw notXml(source, xml);
  }
  const dataSet = doc.DataSet as { Body?: { Cube?: unknown } } | undefined;
  const cubes = asArray(dataSet?.Body?.Cube as Array<Record<string, unknown>> | undefined);
  if (!dataSet || cubes.length === 0) throw notXml(source, xml);
  const days = cubes.flatMap((cube): DayTable[] => {
    const date = String(cube['@date'] ?? '');
    if (!DATE.test(date)) return [];
    const rates = asArray(cube.Rate as Array<Record<string, unknown> | string>).flatMap((r) => {
      if (typeof r !== 'object' || r === null) return [];
      const currency = String(r['@currency'] ?? '');
      const value = String(r['#text'] ?? '').trim();
      const multiplier = r['@multiplier'] === undefined ? 1 : Number(r['@multiplier']);
      if (!/^[A-Z]{3}$/.test(currency) || !NUM.test(value) || !Number.isInteger(multiplier) || multiplier <= 0) return [];
      if (currency === 'XAU' || currency === 'XDR') return [];
      return [{ currency, value, multiplier }];
    });
    return [{ date, rates }];
  });
  return days.sort((a, b) => (a.date < b.date ? 1 : -1));
}

/** ECB `Envelope › Cube › Cube@time › Cube@currency@rate` (units per EUR) → days, newest first. */
export function parseEcb(xml: string, source = 'fx-ecb'): DayTable[] {
  if (!/^\s*(<\?xml|<)/.test(xml) || /<html/i.test(xml.slice(0, 500))) throw notXml(source, xml);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch {
    throw notXml(source, xml);
  }
  const envelope = doc.Envelope as { Cube?: Array<{ Cube?: Array<Record<string, unknown>> }> } | undefined;
  const days = asArray(envelope?.Cube?.[0]?.Cube);
  if (!envelope || days.length === 0) throw notXml(source, xml);
  return days
    .flatMap((day): DayTable[] => {
      const date = String(day['@time'] ?? '');
      if (!DATE.test(date)) return [];
      const rates = asArray(day.Cube as Array<Record<string, unknown>>).flatMap((c) => {
        const currency = String(c['@currency'] ?? '');
        const value = String(c['@rate'] ?? '').trim();
        return /^[A-Z]{3}$/.test(currency) && NUM.test(value) ? [{ currency, value, multiplier: 1 }] : [];
      });
      return [{ date, rates }];
    })
    .sort((a, b) => (a.date < b.date ? 1 : -1));
}

/** ECB EUR table → RON per unit of each currency (BNR semantics). Needs RON in the table. */
export function ecbToRon(day: DayTable): FxRate[] {
  const ron = day.rates.find((r) => r.currency === 'RON');
  if (!ron) return [];
  const eRon = new Decimal(ron.value);
  const note = 'RON cross-rate computed from the ECB EUR table (RON per unit = EUR/RON ÷ EUR/currency)';
  const out: FxRate[] = [{ currency: 'EUR', date: day.date, value: eRon.toString(), multiplier: 1, source: 'ECB', note }];
  for (const r of day.rates) {
    if (r.currency === 'RON') continue;
    out.push({ currency: r.currency, date: day.date, value: eRon.div(r.value).toDecimalPlaces(8, Decimal.ROUND_HALF_UP).toString(), multiplier: 1, source: 'ECB', note });
  }
  return out;
}

/** The latest day at or before `date`; says so when it is not that day. */
export function pickDay(days: DayTable[], date: string | undefined): { day: DayTable; fallback: boolean } | undefined {
  if (!date) return days[0] ? { day: days[0], fallback: false } : undefined;
  const day = days.find((d) => d.date <= date);
  return day ? { day, fallback: day.date !== date } : undefined;
}
