/**
 * The mapping function library: implementations plus documentation used by the
 * validator, the studio's completion/hover and the visual pipeline editor.
 */
import type jsonata from 'jsonata';
import {
  add, decimal, div, fractionToPercent, mul, percentToFraction, priceEnding, round, sub, vatAdd, vatAmount, vatStrip,
} from './money.ts';
import { convert, rate } from './fx.ts';
import { lookup, lookupIn } from './lookup.ts';
import { coalesce, fixDiacritics, normalizeSpace, stripHtml, truncateWords } from './text.ts';
import { MARKET_LANGUAGE, type Market } from '@megzo/domain';
import { fail } from '../errors.ts';

export interface FunctionDoc {
  name: string;
  /** Human signature, e.g. `$vatAdd(net, ratePercent)`. */
  signature: string;
  params: Array<{ name: string; doc: string; optional?: boolean }>;
  returns: string;
  doc: string;
  example: string;
  category: 'money' | 'fx' | 'lookup' | 'text' | 'logic';
}

type Impl = (this: unknown, ...args: never[]) => unknown;

interface LibEntry extends FunctionDoc {
  impl: Impl;
}

function marketLanguage(market: unknown): string | undefined {
  if (market === undefined) return undefined;
  if (typeof market === 'string' && market in MARKET_LANGUAGE) return MARKET_LANGUAGE[market as Market];
  return fail('BAD_ARGUMENT', `$marketLanguage: unknown market ${JSON.stringify(market)} (use SE, DK, FI or NO)`);
}

const p = (name: string, doc: string, optional?: boolean) => ({ name, doc, optional });

export const LIBRARY: LibEntry[] = [
  { name: 'vatAdd', impl: vatAdd, category: 'money', signature: '$vatAdd(net, ratePercent)', params: [p('net', 'net amount'), p('ratePercent', 'VAT in percent, 25 = 25 %')], returns: 'decimal string, full precision', doc: 'Adds VAT: net × (1 + rate/100). Rates are percentages; 0.25 is refused as ambiguous.', example: '$vatAdd(100, 25) = "125"' },
  { name: 'vatStrip', impl: vatStrip, category: 'money', signature: '$vatStrip(gross, ratePercent)', params: [p('gross', 'amount including VAT'), p('ratePercent', 'VAT in percent')], returns: 'decimal string, full precision', doc: 'Removes VAT: gross ÷ (1 + rate/100).', example: '$vatStrip(99.99, 21) ~> $round(2) = "82.64"' },
  { name: 'vatAmount', impl: vatAmount, category: 'money', signature: '$vatAmount(net, ratePercent)', params: [p('net', 'net amount'), p('ratePercent', 'VAT in percent')], returns: 'decimal string', doc: 'The VAT part of a net amount: net × rate/100.', example: '$vatAmount(100, 25) = "25"' },
  { name: 'round', impl: round, category: 'money', signature: "$round(value, decimals = 0, mode = 'half-up')", params: [p('value', 'number or decimal string'), p('decimals', '0–20', true), p('mode', "'half-up' | 'half-even' | 'half-down' | 'up' | 'down' | 'ceiling' | 'floor'", true)], returns: 'decimal string with exactly `decimals` places', doc: "Exact decimal rounding. 'half-up' rounds halves away from zero (1.005 → 1.01); 'up' is away from zero, 'down' toward zero.", example: "$round(2.345, 2) = \"2.35\"; $round(2.345, 2, 'half-even') = \"2.34\"" },
  { name: 'priceEnding', impl: priceEnding, category: 'money', signature: "$priceEnding(price, ending, mode = 'up')", params: [p('price', 'price'), p('ending', '".90", ".95", ".99", ".00", "9", "99" …'), p('mode', "'up' | 'down' | 'nearest'", true)], returns: 'decimal string, 2 places', doc: 'Applies a market price ending. ".90" keeps whole units and sets the cents; "9" makes whole prices ending in 9. Default takes the smallest such price not below the input.', example: '$priceEnding(24.69, ".90") = "24.90"; $priceEnding(263.5, "9") = "269.00"' },
  { name: 'add', impl: add, category: 'money', signature: '$add(a, b)', params: [p('a', 'number'), p('b', 'number')], returns: 'decimal string', doc: 'Exact decimal a + b (0.1 + 0.2 = 0.3).', example: '$add(0.1, 0.2) = "0.3"' },
  { name: 'sub', impl: sub, category: 'money', signature: '$sub(a, b)', params: [p('a', 'number'), p('b', 'number')], returns: 'decimal string', doc: 'Exact decimal a − b.', example: '$sub(1, 0.9) = "0.1"' },
  { name: 'mul', impl: mul, category: 'money', signature: '$mul(a, b)', params: [p('a', 'number'), p('b', 'factor')], returns: 'decimal string', doc: 'Exact decimal a × b, e.g. a markup factor.', example: '$mul(price, 1.15)' },
  { name: 'div', impl: div, category: 'money', signature: '$div(a, b)', params: [p('a', 'number'), p('b', 'divisor, not zero')], returns: 'decimal string', doc: 'Exact decimal a ÷ b (60 significant digits).', example: '$div(amount, quantity)' },
  { name: 'decimal', impl: decimal, category: 'money', signature: '$decimal(value)', params: [p('value', 'number or numeric text')], returns: 'decimal string', doc: 'Checks that a value is a number and returns it as an exact decimal string.', example: '$decimal("12.50") = "12.5"' },
  { name: 'fractionToPercent', impl: fractionToPercent, category: 'money', signature: '$fractionToPercent(fraction)', params: [p('fraction', '0–1, e.g. 0.25')], returns: 'decimal string', doc: 'Turns a fraction rate (CDON orders: 0.25) into a percentage (25).', example: '$fractionToPercent(0.255) = "25.5"' },
  { name: 'percentToFraction', impl: percentToFraction, category: 'money', signature: '$percentToFraction(ratePercent)', params: [p('ratePercent', 'VAT in percent')], returns: 'number', doc: "Turns a percentage (25.5) into CDON's fraction (0.255).", example: '$percentToFraction(25) = 0.25' },
  { name: 'convert', impl: convert, category: 'fx', signature: '$convert(amount, from, to, date?)', params: [p('amount', 'amount in `from`'), p('from', 'currency code, e.g. "RON"'), p('to', 'currency code, e.g. $currency'), p('date', 'YYYY-MM-DD; default: the run date', true)], returns: 'decimal string, full precision', doc: 'Converts with the latest BNR fixing at or before the date (RON per unit = value ÷ multiplier). Weekends use the last published day (with a warning); a missing rate is an error.', example: "$convert(100, 'RON', 'SEK')" },
  { name: 'rate', impl: rate, category: 'fx', signature: '$rate(currency, date?)', params: [p('currency', 'currency code'), p('date', 'YYYY-MM-DD', true)], returns: 'decimal string', doc: 'RON per one unit of the currency on the date.', example: "$rate('SEK')" },
  { name: 'lookup', impl: lookup, category: 'lookup', signature: '$lookup(table, key, default?)', params: [p('table', 'name of a lookup table of this mapping'), p('key', 'the value to look up'), p('default', 'returned when the key is not in the table', true)], returns: 'the table value', doc: 'Looks a key up in a named lookup table. An unknown key without a default is an error naming the table and the key. With an object as first argument it reads that object\'s field.', example: "$lookup('categories', categoryCode)" },
  { name: 'lookupIn', impl: lookupIn, category: 'lookup', signature: '$lookupIn(key, table, default?)', params: [p('key', 'the value to look up'), p('table', 'name of a lookup table'), p('default', 'returned when the key is not in the table', true)], returns: 'the table value', doc: 'The pipeline form of $lookup: the key comes first, so `categoryCode ~> $lookupIn(\'categories\')` works.', example: "categoryCode ~> $lookupIn('categories')" },
  { name: 'truncateWords', impl: truncateWords, category: 'text', signature: '$truncateWords(text, max, ellipsis?)', params: [p('text', 'text'), p('max', 'maximum characters'), p('ellipsis', 'appended when cut, e.g. "…"', true)], returns: 'text', doc: 'Shortens text to at most `max` characters at a word boundary.', example: '$truncateWords(name, 150)' },
  { name: 'stripHtml', impl: stripHtml, category: 'text', signature: '$stripHtml(html)', params: [p('html', 'text with HTML tags')], returns: 'text', doc: 'Removes HTML tags, scripts and styles, decodes entities (&amp; → &), keeps line breaks.', example: "$stripHtml('<p>Tom &amp; Jerry</p>') = 'Tom & Jerry'" },
  { name: 'fixDiacritics', impl: fixDiacritics, category: 'text', signature: '$fixDiacritics(text)', params: [p('text', 'Romanian text')], returns: 'text', doc: 'Replaces the legacy cedilla letters ş ţ Ş Ţ with the correct comma-below ș ț Ș Ț.', example: "$fixDiacritics('Căşti') = 'Căști'" },
  { name: 'normalizeSpace', impl: normalizeSpace, category: 'text', signature: '$normalizeSpace(text)', params: [p('text', 'text')], returns: 'text', doc: 'Trims and collapses runs of whitespace.', example: "$normalizeSpace('  a   b ') = 'a b'" },
  { name: 'coalesce', impl: coalesce, category: 'logic', signature: '$coalesce(a, b, …)', params: [p('a', 'first choice'), p('b', 'fallbacks', true)], returns: 'first present value', doc: 'The first value that is not missing, null or blank.', example: '$coalesce(brand, "Generic")' },
  { name: 'marketLanguage', impl: marketLanguage, category: 'text', signature: '$marketLanguage(market)', params: [p('market', 'SE, DK, FI or NO')], returns: 'language code', doc: 'The CDON language of a market (SE → sv-SE).', example: '$marketLanguage($market) = "sv-SE"' },
];

export const LIBRARY_NAMES: ReadonlySet<string> = new Set(LIBRARY.map((f) => f.name));

/** JSONata 2.x builtin function names (without `$`). */
export const JSONATA_BUILTINS: readonly string[] = [
  'sum', 'count', 'max', 'min', 'average', 'string', 'substring', 'substringBefore', 'substringAfter', 'lowercase',
  'uppercase', 'length', 'trim', 'pad', 'match', 'contains', 'replace', 'split', 'join', 'formatNumber', 'formatBase',
  'formatInteger', 'parseInteger', 'number', 'floor', 'ceil', 'round', 'abs', 'sqrt', 'power', 'random', 'boolean', 'not',
  'map', 'zip', 'filter', 'single', 'reduce', 'sift', 'keys', 'lookup', 'append', 'exists', 'spread', 'merge', 'reverse',
  'each', 'error', 'assert', 'type', 'sort', 'shuffle', 'distinct', 'base64encode', 'base64decode', 'encodeUrlComponent',
  'encodeUrl', 'decodeUrlComponent', 'decodeUrl', 'eval', 'toMillis', 'fromMillis', 'clone', 'now', 'millis',
];

/** Builtins that are not allowed in mappings ($eval parses arbitrary text; $random/$now/$millis make output unrepeatable). */
export const FORBIDDEN_BUILTINS: ReadonlySet<string> = new Set(['eval', 'random', 'shuffle', 'now', 'millis']);

/** Variables bound per evaluation, available to every rule. */
export const CONTEXT_VARIABLES: Array<{ name: string; doc: string }> = [
  { name: 'market', doc: "The market being mapped: 'SE', 'DK', 'FI' or 'NO'." },
  { name: 'currency', doc: "The market's currency, e.g. 'SEK'." },
  { name: 'vatRate', doc: 'Destination VAT in percent for this market, e.g. 25 or 25.5.' },
  { name: 'language', doc: "The market's CDON language, e.g. 'sv-SE'." },
  { name: 'date', doc: 'The pricing/run date, YYYY-MM-DD.' },
  { name: 'vars', doc: 'Connection settings passed by the flow (e.g. $vars.warehouse).' },
];

function forbidden(name: string) {
  return () => {
    throw new Error(`$${name} is not allowed in mappings`);
  };
}

/** Longest padding $pad may build (its width is otherwise unbounded and allocated in one step). */
export const MAX_PAD_WIDTH = 10_000;

/** JSONata's $pad(str, width[, char]) with a bounded width (same semantics otherwise). */
function boundedPad(str: unknown, width: unknown, char?: unknown): string | undefined {
  if (str === undefined) return undefined;
  if (typeof str !== 'string') fail('BAD_ARGUMENT', '$pad: the first argument must be text');
  if (typeof width !== 'number' || !Number.isFinite(width)) fail('BAD_ARGUMENT', '$pad: the width must be a number');
  if (Math.abs(width) > MAX_PAD_WIDTH) fail('TOO_LARGE', `$pad: the width ${width} is above the limit of ${MAX_PAD_WIDTH}`);
  const fill = typeof char === 'string' && char.length > 0 ? char : ' ';
  const len = Array.from(str).length;
  const missing = Math.abs(Math.trunc(width)) - len;
  if (missing <= 0) return str;
  const padding = Array.from(fill.repeat(missing)).slice(0, missing).join('');
  return width > 0 ? str + padding : padding + str;
}

/** Register the library (and disable or bound risky builtins) on a compiled JSONata expression. */
export function registerLibrary(expr: jsonata.Expression): void {
  for (const f of LIBRARY) expr.registerFunction(f.name, f.impl as (...args: unknown[]) => unknown);
  for (const name of FORBIDDEN_BUILTINS) expr.registerFunction(name, forbidden(name));
  expr.registerFunction('pad', boundedPad as (...args: unknown[]) => unknown);
}
