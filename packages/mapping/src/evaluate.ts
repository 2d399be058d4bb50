/**
 * Evaluate a compiled mapping on one record. Fast path: the combined
 * expression (all rules in one evaluation). If it throws, each rule is
 * evaluated alone so every failing field gets its own reason; the other
 * fields still produce output. A failing field fails the record (ok=false),
 * never the run.
 */
import type jsonata from 'jsonata';
import { MARKET_LANGUAGE } from '@megzo/domain';
import type { CompiledMapping, CompiledVariant } from './compile.ts';
import { MappingFunctionError, MappingRecordError } from './errors.ts';
import { BAIL, fastEnv } from './fast.ts';
import { type EvalState, STATE_BINDING } from './functions/state.ts';
import { checkType, plain, setPath } from './output.ts';
import type { EvalContext, EvalResult, FieldError } from './types.ts';

const EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit');

interface JsonataError {
  code?: string;
  position?: number;
  message?: string;
  value?: unknown;
}

/** Plain-language reason for anything an expression can throw. */
export function describeError(e: unknown, target: string, compiled: CompiledMapping): FieldError {
  if (e instanceof MappingFunctionError) return { target, message: e.message, code: `FUNCTION:${e.code}` };
  if (e instanceof RangeError) {
    if (/string length/i.test(e.message)) {
      return { target, message: `The rule built a text too large to handle and was stopped`, code: 'TOO_LARGE' };
    }
    return { target, message: `The rule calls itself too deeply and was stopped`, code: 'DEPTH' };
  }
  const err = (e ?? {}) as JsonataError;
  switch (err.code) {
    case 'D1012':
      return { target, message: `The rule ran longer than ${compiled.timeoutMs} ms and was stopped — does it loop forever?`, code: 'TIMEOUT' };
    case 'D1011':
      return { target, message: `The rule nests deeper than ${compiled.maxDepth} levels and was stopped — does a function call itself without end?`, code: 'DEPTH' };
    case 'MEGZO_REGEX':
      return { target, message: err.message ?? 'The pattern is not allowed', code: 'REGEX' };
    case 'MEGZO_STRING':
      return { target, message: `The rule built a text longer than ${compiled.maxStringLength} characters and was stopped`, code: 'TOO_LARGE' };
    default: {
      const msg = err.message ?? (e instanceof Error ? e.message : String(e));
      const at = typeof err.position === 'number' && err.position > 0 ? ` (near character ${err.position})` : '';
      return { target, message: `${msg}${at}`, code: err.code ? `JSONATA:${err.code}` : 'ERROR' };
    }
  }
}

const installed = new WeakSet<jsonata.Expression>();

/** The string-size guard runs on every node exit; installed once per expression. */
function guard(expr: jsonata.Expression, maxLen: number): jsonata.Expression {
  if (!installed.has(expr)) {
    (expr as unknown as { assign(n: symbol, v: unknown): void }).assign(EXIT_HOOK, (_e: unknown, _i: unknown, _env: unknown, result: unknown) => {
      if (typeof result === 'string' && result.length > maxLen) throw { code: 'MEGZO_STRING', message: 'string too long' };
    });
    installed.add(expr);
  }
  return expr;
}

export function bindingsFor(ctx: EvalContext, state: EvalState): Record<string, unknown> {
  return {
    market: ctx.market,
    currency: ctx.currency,
    vatRate: ctx.vatRate,
    language: ctx.market ? MARKET_LANGUAGE[ctx.market] : undefined,
    date: ctx.date,
    vars: ctx.vars ?? {},
    [STATE_BINDING]: state,
  };
}

export function variantFor(compiled: CompiledMapping, ctx: EvalContext): CompiledVariant {
  return (ctx.market && compiled.markets[ctx.market]) || compiled.base;
}

/** Evaluate every rule for one record. Never throws for record-level problems. */
export async function evaluate(compiled: CompiledMapping, record: unknown, ctx: EvalContext = {}): Promise<EvalResult> {
  const variant = variantFor(compiled, ctx);
  const state: EvalState = {
    fx: ctx.fx,
    date: ctx.date,
    fxMaxAgeDays: ctx.fxMaxAgeDays ?? 7,
    warnings: [],
    lookups: compiled.content.lookups ?? {},
  };
  const bindings = bindingsFor(ctx, state);
  const values: unknown[] = new Array(variant.rules.length);
  const errors: FieldError[] = [];
  const pending: number[] = [];
  // 1. fast closures (synchronous); a BAIL sends that rule to JSONata
  const env = fastEnv(record, bindings);
  for (let i = 0; i < variant.fast.length; i++) {
    const fn = variant.fast[i];
    if (!fn) continue;
    try {
      values[i] = fn(record, env);
    } catch (e) {
      if (e === BAIL) pending.push(i);
      else errors.push(describeError(e, variant.rules[i]?.target ?? String(i), compiled));
    }
  }
  // 2. the other rules: one alone, or several in one combined JSONata evaluation
  if (variant.slow.length === 1) {
    const i = variant.slow[0] as number;
    try {
      values[i] = await guard(variant.single[i] as jsonata.Expression, compiled.maxStringLength).evaluate(record, bindings);
    } catch (e) {
      errors.push(describeError(e, variant.rules[i]?.target ?? String(i), compiled));
    }
  } else if (variant.combined) {
    try {
      const res = (await guard(variant.combined, compiled.maxStringLength).evaluate(record, bindings)) as Record<string, unknown> | undefined;
      for (const i of variant.slow) values[i] = res?.[i];
    } catch {
      pending.push(...variant.slow);
    }
  }
  // 3. rule by rule, for exact per-field reasons (bounded per record)
  if (pending.length) {
    const deadline = Date.now() + compiled.timeoutMs * 2;
    for (const i of pending.sort((a, b) => a - b)) {
      const target = variant.rules[i]?.target ?? String(i);
      if (Date.now() > deadline) {
        errors.push({ target, message: 'Not evaluated: the record used up its time budget on earlier rules', code: 'BUDGET' });
        continue;
      }
      try {
        values[i] = await guard(variant.single[i] as jsonata.Expression, compiled.maxStringLength).evaluate(record, bindings);
      } catch (e) {
        errors.push(describeError(e, target, compiled));
      }
    }
  }
  const failed = new Set(errors.map((e) => e.target));
  const output: Record<string, unknown> = {};
  for (let i = 0; i < variant.rules.length; i++) {
    const target = (variant.rules[i] as { target: string }).target;
    if (failed.has(target)) continue;
    let v = values[i];
    if (v !== null && typeof v === 'object') v = plain(v);
    else if (typeof v === 'function') v = undefined;
    const field = compiled.targets.get(target);
    if (field) {
      const checked = checkType(field, v);
      if ('error' in checked) {
        errors.push(checked.error);
        continue;
      }
      v = checked.value;
    }
    if (v !== undefined) setPath(output, target, v);
  }
  // required targets that have no rule in this variant
  for (const field of compiled.targets.values()) {
    if (field.required && !variant.rules.some((r) => r.target === field.name)) {
      errors.push({ target: field.name, message: 'is required but no rule writes it', code: 'REQUIRED' });
    }
  }
  if (errors.length > 1) {
    // report in rule order, whichever stage found the problem
    const order = new Map(variant.rules.map((r, i) => [r.target, i]));
    errors.sort((a, b) => (order.get(a.target) ?? Infinity) - (order.get(b.target) ?? Infinity));
  }
  return { ok: errors.length === 0, output, errors, warnings: state.warnings };
}

/** Like `evaluate`, but throws MappingRecordError when any field fails. */
export async function evaluateOrThrow(compiled: CompiledMapping, record: unknown, ctx: EvalContext = {}): Promise<EvalResult> {
  const res = await evaluate(compiled, record, ctx);
  if (!res.ok) throw new MappingRecordError(res.errors);
  return res;
}
