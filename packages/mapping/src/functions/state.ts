/**
 * Per-evaluation state handed to library functions. It is bound under the
 * reserved variable name `__megzo` (validation refuses `$__…` in expressions),
 * so one compiled expression can serve concurrent evaluations safely.
 */
import type { FxRate } from '../types.ts';

export const STATE_BINDING = '__megzo';

export interface EvalState {
  fx: FxRate[] | undefined;
  date: string | undefined;
  fxMaxAgeDays: number;
  warnings: string[];
  lookups: Record<string, Record<string, string>>;
  /** Index of rates by currency, built lazily once per evaluation. */
  fxIndex?: Map<string, FxRate[]>;
}

interface Focus {
  environment: { lookup(name: string): unknown };
}

export function stateOf(focus: unknown): EvalState {
  const env = (focus as Focus | undefined)?.environment;
  const st = env?.lookup(STATE_BINDING) as EvalState | undefined;
  if (!st) throw new Error('mapping function called outside a mapping evaluation');
  return st;
}

export function warn(state: EvalState, message: string): void {
  if (!state.warnings.includes(message)) state.warnings.push(message);
}
