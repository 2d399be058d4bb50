import { z } from 'zod';

/** ISO 4217 codes used by the first pair. */
export const Currency = z.enum(['RON', 'SEK', 'DKK', 'NOK', 'EUR']);
export type Currency = z.infer<typeof Currency>;

/** CDON markets (upper case, ISO 3166-1 alpha-2). */
export const Market = z.enum(['SE', 'DK', 'FI', 'NO']);
export type Market = z.infer<typeof Market>;

export const MARKET_CURRENCY: Record<Market, Currency> = { SE: 'SEK', DK: 'DKK', FI: 'EUR', NO: 'NOK' };
export const MARKET_LANGUAGE: Record<Market, string> = { SE: 'sv-SE', DK: 'da-DK', FI: 'fi-FI', NO: 'nb-NO' };

/**
 * Destination VAT per market in percent, as consumer prices carry it (fx-and-vat.md
 * §B.1: SE, DK, NO 25 %; FI 25.5 % since 2024-09-01). The one place both the catalog
 * flow and the studio's preview take it from.
 */
export const MARKET_VAT_PERCENT: Record<Market, string> = { SE: '25', DK: '25', FI: '25.5', NO: '25' };

/**
 * Money travels as a decimal string ("269.34"), never as a binary float.
 * Arithmetic happens in @megzo/mapping with decimal.js.
 */
export const DecimalString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number written as a string, e.g. "269.34"');

export const Money = z.object({ amount: DecimalString, currency: Currency });
export type Money = z.infer<typeof Money>;
