/** Helpers for the golden tests: run one expression through the real engine. */
import { compileMapping } from './compile.ts';
import { evaluate } from './evaluate.ts';
import type { EvalContext, FxRate } from './types.ts';

export const BNR_2025_10_21: FxRate[] = [
  { currency: 'SEK', date: '2025-10-21', value: '0.4641', multiplier: 1, source: 'BNR' },
  { currency: 'NOK', date: '2025-10-21', value: '0.4346', multiplier: 1, source: 'BNR' },
  { currency: 'DKK', date: '2025-10-21', value: '0.6806', multiplier: 1, source: 'BNR' },
  { currency: 'EUR', date: '2025-10-21', value: '5.0832', multiplier: 1, source: 'BNR' },
  { currency: 'HUF', date: '2025-10-21', value: '1.3061', multiplier: 100, source: 'BNR' },
];

/** Evaluate one expression; resolves to the value, rejects with the field error message. */
export async function run(
  expression: string, record: unknown = {}, ctx: EvalContext = {}, lookups: Record<string, Record<string, string>> = {},
): Promise<unknown> {
  const res = await runFull(expression, record, ctx, lookups);
  if (!res.ok) throw new Error(res.errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  return res.output.v;
}

export async function runFull(
  expression: string, record: unknown = {}, ctx: EvalContext = {}, lookups: Record<string, Record<string, string>> = {},
) {
  const compiled = compileMapping({ rules: [{ target: 'v', expression }], lookups });
  return evaluate(compiled, record, ctx);
}
