/**
 * Compile once, evaluate many. A compiled mapping holds, per market variant,
 * every rule compiled alone (for exact per-field errors) and all rules combined
 * into ONE JSONata object expression (the fast path: one evaluation per record
 * instead of one per rule). Both carry the function library and the bounds.
 */
import jsonata from 'jsonata';
import { Market } from '@megzo/domain';
import { analyzeAst, parseRule, rangeDiag } from './analyze.ts';
import { MappingCompileError } from './errors.ts';
import { type FastFn, compileFast } from './fast.ts';
import { registerLibrary } from './functions/library.ts';
import { SafeRegExp } from './functions/regex.ts';
import { hashContent } from './hash.ts';
import type { Diagnostic, MappingVersionContent, MarketCode, Rule, TargetField } from './types.ts';

export interface CompileOptions {
  targets?: TargetField[];
  /** Cache identity, e.g. `${versionId}:${hash}`; defaults to the content hash. */
  cacheKey?: string;
  /** Wall-clock bound per record evaluation (default 200 ms). */
  timeoutMs?: number;
  /** Maximum evaluation depth (default 400); deep recursion stops there. */
  maxDepth?: number;
  /** Longest string a rule may build (default 1,000,000 characters). */
  maxStringLength?: number;
  /** Use the closure fast path for rules in the safe subset (default true). */
  fastPath?: boolean;
}

export interface CompiledVariant {
  rules: Rule[];
  /** Every rule alone through JSONata (exact per-field errors, fallback). */
  single: jsonata.Expression[];
  /** Closure for rules in the fast subset (see fast.ts), else null. */
  fast: Array<FastFn | null>;
  /** Indexes of rules outside the fast subset. */
  slow: number[];
  /** Two or more slow rules combined into one JSONata object expression (else null). */
  combined: jsonata.Expression | null;
}

export interface CompiledMapping {
  readonly cacheKey: string;
  readonly hash: string;
  readonly content: MappingVersionContent;
  readonly targets: ReadonlyMap<string, TargetField>;
  readonly timeoutMs: number;
  readonly maxDepth: number;
  readonly maxStringLength: number;
  readonly base: CompiledVariant;
  readonly markets: Partial<Record<MarketCode, CompiledVariant>>;
  /** Warnings found while compiling (e.g. a rule for an unknown target). */
  readonly diagnostics: Diagnostic[];
}

export const TARGET_RE = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;
/** Segments that would reach object prototypes. */
export const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Effective rule list for a market: overrides replace same-target rules, new targets are appended. */
export function effectiveRules(content: MappingVersionContent, market?: MarketCode): Rule[] {
  const overrides = market ? content.marketOverrides?.[market] : undefined;
  if (!overrides || overrides.length === 0) return content.rules;
  const byTarget = new Map(overrides.map((r) => [r.target, r]));
  const out = content.rules.map((r) => byTarget.get(r.target) ?? r);
  const baseTargets = new Set(content.rules.map((r) => r.target));
  for (const r of overrides) if (!baseTargets.has(r.target)) out.push(r);
  return out;
}

/** Structural checks shared by compile and validate (syntax, functions, targets). */
export function structuralDiagnostics(
  content: MappingVersionContent,
  opts: { targets?: TargetField[]; sourceFields?: ReadonlySet<string> },
): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const targetMap = opts.targets ? new Map(opts.targets.map((t) => [t.name, t])) : undefined;
  const lookupTables = new Set(Object.keys(content.lookups ?? {}));
  const checkList = (rules: Rule[], market?: MarketCode) => {
    const seen = new Set<string>();
    for (const rule of rules) {
      const tag = (d: Diagnostic): Diagnostic => (market ? { ...d, market } : d);
      if (typeof rule.target !== 'string' || !TARGET_RE.test(rule.target) || rule.target.split('.').some((seg) => UNSAFE_SEGMENTS.has(seg))) {
        diags.push(tag(rangeDiag('', String(rule.target), 'error', 'BAD_TARGET', `"${String(rule.target)}" is not a valid target name (use names like price.amount_including_vat)`, 0, 0)));
        continue;
      }
      if (seen.has(rule.target)) {
        diags.push(tag(rangeDiag('', rule.target, 'error', 'DUPLICATE_TARGET', `Two rules write "${rule.target}" — keep only one`, 0, 0)));
      }
      seen.add(rule.target);
      if (targetMap && !targetMap.has(rule.target)) {
        diags.push(tag(rangeDiag('', rule.target, 'warning', 'UNKNOWN_TARGET', `"${rule.target}" is not a field of the target; it will be sent as is`, 0, 0)));
      }
      const text = typeof rule.expression === 'string' ? rule.expression : '';
      const { ast, diagnostic } = parseRule(text, rule.target);
      if (diagnostic) diags.push(tag(diagnostic));
      else if (ast) for (const d of analyzeAst(text, rule.target, ast, { sourceFields: opts.sourceFields, lookupTables })) diags.push(tag(d));
    }
  };
  checkList(content.rules);
  for (const [m, rules] of Object.entries(content.marketOverrides ?? {})) {
    if (!Market.safeParse(m).success) {
      diags.push(rangeDiag('', '', 'error', 'BAD_MARKET', `Market overrides for "${m}": markets are SE, DK, FI and NO`, 0, 0));
      continue;
    }
    checkList(rules ?? [], m as MarketCode);
  }
  if (targetMap) {
    for (const t of targetMap.values()) {
      if (!t.required) continue;
      if (!content.rules.some((r) => r.target === t.name)) {
        diags.push(rangeDiag('', t.name, 'error', 'MISSING_RULE', `The target needs "${t.name}" but no rule writes it`, 0, 0));
      }
    }
  }
  for (const [name, table] of Object.entries(content.lookups ?? {})) {
    if (table === null || typeof table !== 'object' || Object.values(table).some((v) => typeof v !== 'string')) {
      diags.push(rangeDiag('', '', 'error', 'BAD_LOOKUP', `Lookup table "${name}" must map keys to text values`, 0, 0));
    }
  }
  return diags;
}

function build(text: string, opts: { timeoutMs: number; maxDepth: number }): jsonata.Expression {
  const expr = jsonata(text, { timeout: opts.timeoutMs, stack: opts.maxDepth, RegexEngine: SafeRegExp as unknown as RegExpConstructor });
  registerLibrary(expr);
  return expr;
}

function compileVariant(rules: Rule[], opts: { timeoutMs: number; maxDepth: number; fast: boolean }): CompiledVariant {
  const single = rules.map((r) => build(r.expression, opts));
  const fast = single.map((e) => (opts.fast ? compileFast(e.ast()) : null));
  const slow = fast.flatMap((f, i) => (f ? [] : [i]));
  // One object expression for the slow rules; keys are rule indexes. Each rule
  // sits in its own parenthesised block on its own lines so comments and `;`
  // blocks stay valid.
  const body = slow.map((i) => `"${i}": (\n${rules[i]?.expression ?? ''}\n)`).join(',\n');
  return { rules, single, fast, slow, combined: slow.length > 1 ? build(`{\n${body}\n}`, opts) : null };
}

/** Compile a version. Throws MappingCompileError (with diagnostics) when any rule has an error. */
export function compileMapping(content: MappingVersionContent, opts: CompileOptions = {}): CompiledMapping {
  const diagnostics = structuralDiagnostics(content, { targets: opts.targets });
  if (diagnostics.some((d) => d.severity === 'error')) throw new MappingCompileError(diagnostics.filter((d) => d.severity === 'error'));
  const bounds = { timeoutMs: opts.timeoutMs ?? 200, maxDepth: opts.maxDepth ?? 400 };
  const vopts = { ...bounds, fast: opts.fastPath ?? true };
  const markets: Partial<Record<MarketCode, CompiledVariant>> = {};
  for (const m of Object.keys(content.marketOverrides ?? {}) as MarketCode[]) {
    if ((content.marketOverrides?.[m] ?? []).length > 0) markets[m] = compileVariant(effectiveRules(content, m), vopts);
  }
  const hash = hashContent(content);
  return {
    cacheKey: opts.cacheKey ?? hash,
    hash,
    content,
    targets: new Map((opts.targets ?? []).map((t) => [t.name, t])),
    ...bounds,
    maxStringLength: opts.maxStringLength ?? 1_000_000,
    base: compileVariant(content.rules, vopts),
    markets,
    diagnostics,
  };
}
