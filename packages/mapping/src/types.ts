/** Public types of the mapping engine (see README.md for the language). */
import type { Market } from '@megzo/domain';

/**
 * Type of a target field, checked on preview and on every evaluation.
 * - `string`: a JS string. `number`: a finite number (a numeric string is not accepted).
 * - `money`: an exact decimal; emitted as a decimal string ("269.34") unless
 *   `TargetField.format` is `'number'` (then the JSON number of that same decimal).
 * - `enum`: a string listed in `enumValues`. `list`: an array.
 * - `boolean`: true/false. `object`: a plain object (e.g. a DHL address block).
 */
export type FieldType = 'string' | 'number' | 'money' | 'enum' | 'list' | 'boolean' | 'object';

export interface Rule {
  /** Dotted target path; `price.amount_including_vat` builds `{price:{amount_including_vat}}`. */
  target: string;
  /** A JSONata 2 expression evaluated against the source record. */
  expression: string;
  note?: string;
}

export interface TargetField {
  name: string;
  type: FieldType;
  required?: boolean;
  enumValues?: string[];
  description?: string;
  /** Money only: `'string'` (default) emits "269.34"; `'number'` emits 269.34. */
  format?: 'string' | 'number';
}

export type MarketCode = Market;

export interface MappingVersionContent {
  rules: Rule[];
  /** Named lookup tables: table name → (key → value). */
  lookups: Record<string, Record<string, string>>;
  /** Rules that replace same-target base rules (or add targets) for one market. */
  marketOverrides?: Partial<Record<MarketCode, Rule[]>>;
}

export interface FxRate {
  currency: string;
  /** Effective date of the fixing (BNR `Cube/@date`), YYYY-MM-DD. */
  date: string;
  /** RON per `multiplier` units of `currency`, decimal string (BNR semantics). */
  value: string;
  multiplier: number;
  source: 'BNR' | 'ECB';
}

export interface EvalContext {
  market?: MarketCode;
  currency?: string;
  /** Destination VAT as a percentage (25 or "25.5"). */
  vatRate?: string | number;
  /** Pricing date YYYY-MM-DD; `$convert` uses the latest fixing at or before it. */
  date?: string;
  fx?: FxRate[];
  /** Free per-connection values, available to expressions as `$vars`. */
  vars?: Record<string, unknown>;
  /** A fixing older than this many calendar days is refused as stale (default 7). */
  fxMaxAgeDays?: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** The rule's target (or `''` for mapping-level problems). */
  target: string;
  /** Market of an override rule, when the problem is in one. */
  market?: MarketCode;
  severity: Severity;
  /** Machine code, e.g. `SYNTAX`, `UNKNOWN_FUNCTION`, `UNKNOWN_FIELD`. */
  code: string;
  message: string;
  /** 1-based line/column range inside the rule's expression. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface FieldError {
  target: string;
  message: string;
  /** `FUNCTION:<code>`, `JSONATA:<code>`, `TYPE`, `REQUIRED`, `TIMEOUT`, `DEPTH`, … */
  code: string;
}

export interface EvalResult {
  ok: boolean;
  output: Record<string, unknown>;
  errors: FieldError[];
  warnings: string[];
}
