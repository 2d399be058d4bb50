/**
 * Fast path: a safe subset of JSONata compiled to synchronous closures, so the
 * common rules (field paths, literals, `&`, comparisons, conditionals, array
 * and object constructors, library calls and `~>` pipelines) run without the
 * interpreter's per-node promises.
 *
 * Equivalence rule: for every input the closure either returns exactly what
 * JSONata would, or throws BAIL and the engine evaluates that rule with
 * JSONata itself. Anything whose JSONata semantics are subtle (arrays met in a
 * path — sequences and flattening —, non-integer number→text, objects as
 * booleans, predicates, lambdas, bindings, regexes, …) is either not compiled
 * (static fallback) or bails at run time. A differential test checks this.
 * Closures have no loops over expression-controlled counts and no recursion,
 * so their time is bounded by the size of the record and of the expression.
 */
import { JSONATA_BUILTINS, LIBRARY } from './functions/library.ts';
import { STATE_BINDING } from './functions/state.ts';

/** Thrown when a closure meets a case it does not reproduce exactly. */
export const BAIL: unique symbol = Symbol('megzo.fast.bail');

export interface FastEnv {
  root: unknown;
  bindings: Record<string, unknown>;
  focus: { environment: { lookup(name: string): unknown } };
}

export type FastFn = (input: unknown, env: FastEnv) => unknown;

type Node = Record<string, unknown> & { type?: string; value?: unknown };

const IMPLS = new Map<string, (this: unknown, ...args: unknown[]) => unknown>(
  LIBRARY.map((f) => [f.name, f.impl as (this: unknown, ...args: unknown[]) => unknown]),
);

const NUMBER_RE = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/;

function bail(): never {
  throw BAIL;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** JSONata's $string for the cases reproduced exactly. */
function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return bail();
}

/** JSONata's truthiness ($boolean) for the cases reproduced exactly. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  return bail();
}

const BUILTINS: Record<string, (args: unknown[]) => unknown> = {
  number: ([v, ...rest]) => {
    if (rest.length) bail();
    if (v === undefined) return undefined;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'string' && NUMBER_RE.test(v)) {
      const n = Number(v);
      return Number.isFinite(n) ? n : bail();
    }
    return bail();
  },
  string: ([v, ...rest]) => {
    if (rest.length) bail();
    return v === undefined ? undefined : toText(v);
  },
  uppercase: ([v, ...rest]) => (rest.length || (v !== undefined && typeof v !== 'string') ? bail() : (v as string | undefined)?.toUpperCase()),
  lowercase: ([v, ...rest]) => (rest.length || (v !== undefined && typeof v !== 'string') ? bail() : (v as string | undefined)?.toLowerCase()),
  join: ([list, sep, ...rest]) => {
    if (rest.length || (sep !== undefined && typeof sep !== 'string')) bail();
    if (list === undefined) return undefined;
    const items = typeof list === 'string' ? [list] : Array.isArray(list) ? list : bail();
    if (items.some((s) => typeof s !== 'string')) bail();
    return items.join(sep ?? '');
  },
};

function compileNode(n: Node): FastFn | null {
  const allowed = new Set(['type', 'value', 'position', 'steps', 'lhs', 'rhs', 'expressions', 'arguments', 'procedure', 'condition', 'then', 'else', 'expression']);
  for (const k of Object.keys(n)) if (!allowed.has(k) && n[k] !== undefined) return null;
  switch (n.type) {
    case 'string':
    case 'number':
    case 'value': {
      const v = n.value;
      return () => v;
    }
    case 'variable':
      return compileVariable(String(n.value));
    case 'path':
      return compilePath(n.steps as Node[]);
    case 'block': {
      const ex = n.expressions as Node[];
      return ex.length === 1 && ex[0] ? compileNode(ex[0]) : null;
    }
    case 'condition': {
      const c = compileNode(n.condition as Node);
      const t = compileNode(n.then as Node);
      const e = n.else === undefined ? () => undefined : compileNode(n.else as Node);
      if (!c || !t || !e) return null;
      return (input, env) => (truthy(c(input, env)) ? t(input, env) : e(input, env));
    }
    case 'unary':
      return compileUnary(n);
    case 'binary':
      return compileBinary(n);
    case 'function':
      return compileCall(n, null);
    case 'apply': {
      if (n.value !== '~>') return null;
      const lhs = compileNode(n.lhs as Node);
      const rhs = n.rhs as Node;
      if (!lhs || rhs.type !== 'function') return null;
      return compileCall(rhs, lhs);
    }
    default:
      return null;
  }
}

function compileVariable(name: string): FastFn | null {
  if (name === '') return (input) => (Array.isArray(input) ? bail() : input);
  if (name === '$') return (_input, env) => (Array.isArray(env.root) ? bail() : env.root);
  if (name.startsWith('__') || IMPLS.has(name) || JSONATA_BUILTINS.includes(name)) return null;
  return (_input, env) => {
    const v = env.bindings[name];
    return Array.isArray(v) || typeof v === 'function' ? bail() : v;
  };
}

/** A step without predicates, grouping, focus/index bindings or array-keeping flags. */
function plainStep(s: Node): boolean {
  return Object.keys(s).every((k) => k === 'type' || k === 'value' || k === 'position' || s[k] === undefined);
}

function compilePath(steps: Node[]): FastFn | null {
  if (steps.length === 0) return null;
  const first = steps[0] as Node;
  let start: FastFn | null;
  let rest: Node[];
  if (first.type === 'variable') {
    if (!plainStep(first)) return null;
    start = compileVariable(String(first.value));
    rest = steps.slice(1);
  } else {
    start = (input) => input;
    rest = steps;
  }
  if (!start) return null;
  const names: Array<{ name: string; index?: number }> = [];
  for (const s of rest) {
    if (s.type !== 'name' || typeof s.value !== 'string') return null;
    const index = literalIndex(s);
    if (index === null) return null;
    names.push({ name: s.value, index });
  }
  const from = start;
  return (input, env) => {
    let cur = from(input, env);
    if (Array.isArray(cur)) bail();
    for (const { name, index } of names) {
      if (cur === undefined) return undefined;
      if (!isPlainObject(cur)) return typeof cur === 'object' || typeof cur === 'function' ? bail() : undefined;
      if (!Object.prototype.hasOwnProperty.call(cur, name)) return name in cur ? bail() : undefined;
      cur = cur[name];
      if (index !== undefined && cur !== undefined) {
        // JSONata: the step's sequence is the array's items (or the single value); [n] picks one, negative from the end
        const seq = Array.isArray(cur) ? cur : [cur];
        if (seq.some((x) => Array.isArray(x))) bail();
        cur = seq[index < 0 ? seq.length + index : index];
      }
      if (Array.isArray(cur) || typeof cur === 'function') bail();
    }
    return cur;
  };
}

/** undefined: a plain step; a number: a step with one literal integer index `[n]`; null: anything else. */
function literalIndex(s: Node): number | undefined | null {
  let index: number | undefined;
  for (const k of Object.keys(s)) {
    if (k === 'type' || k === 'value' || k === 'position' || s[k] === undefined) continue;
    if (k !== 'stages') return null;
    const stages = s.stages as Node[];
    const only = stages.length === 1 ? stages[0] : undefined;
    const expr = only?.type === 'filter' ? (only.expr as Node | undefined) : undefined;
    if (!expr || expr.type !== 'number' || !Number.isInteger(expr.value)) return null;
    index = expr.value as number;
  }
  return index;
}

function compileUnary(n: Node): FastFn | null {
  if (n.value === '-') {
    const e = compileNode(n.expression as Node);
    if (!e) return null;
    return (input, env) => {
      const v = e(input, env);
      if (v === undefined) return undefined;
      return typeof v === 'number' ? -v : bail();
    };
  }
  if (n.value === '[') {
    const items = (n.expressions as Node[]).map((x) => ({ fn: compileNode(x), nested: x.type === 'unary' && x.value === '[' }));
    if (items.some((i) => !i.fn)) return null;
    return (input, env) => {
      const out: unknown[] = [];
      for (const { fn, nested } of items) {
        const v = (fn as FastFn)(input, env);
        if (v === undefined) continue;
        if (Array.isArray(v) && !nested) bail();
        out.push(v);
      }
      return out;
    };
  }
  if (n.value === '{') {
    const pairs: Array<[string, FastFn]> = [];
    for (const pair of n.lhs as Node[][]) {
      const [k, v] = pair;
      if (!k || !v || k.type !== 'string') return null;
      const fn = compileNode(v);
      if (!fn) return null;
      pairs.push([String(k.value), fn]);
    }
    if (new Set(pairs.map((p) => p[0])).size !== pairs.length) return null;
    return (input, env) => {
      if (Array.isArray(input)) bail();
      const out: Record<string, unknown> = {};
      for (const [k, fn] of pairs) {
        const v = fn(input, env);
        if (v !== undefined) out[k] = v;
      }
      return out;
    };
  }
  return null;
}

function compileBinary(n: Node): FastFn | null {
  const l = compileNode(n.lhs as Node);
  const r = compileNode(n.rhs as Node);
  if (!l || !r) return null;
  const op = n.value;
  const scalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  switch (op) {
    case '&':
      return (input, env) => {
        const a = l(input, env);
        const b = r(input, env);
        return (a === undefined ? '' : toText(a)) + (b === undefined ? '' : toText(b));
      };
    case '=':
    case '!=':
      return (input, env) => {
        const a = l(input, env);
        const b = r(input, env);
        if (a === undefined || b === undefined) return false;
        if (!scalar(a) || !scalar(b)) bail();
        return op === '=' ? a === b : a !== b;
      };
    case 'and':
      return (input, env) => truthy(l(input, env)) && truthy(r(input, env));
    case 'or':
      return (input, env) => truthy(l(input, env)) || truthy(r(input, env));
    case '+':
    case '-':
    case '*':
    case '/':
      return (input, env) => {
        const a = l(input, env);
        const b = r(input, env);
        if (a === undefined || b === undefined) return typeof a === 'number' || typeof b === 'number' || (a === undefined && b === undefined) ? undefined : bail();
        if (typeof a !== 'number' || typeof b !== 'number') bail();
        const v = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
        return Number.isFinite(v) ? v : bail();
      };
    default:
      return null;
  }
}

function compileCall(n: Node, piped: FastFn | null): FastFn | null {
  const proc = n.procedure as Node | undefined;
  if (!proc || proc.type !== 'variable' || typeof proc.value !== 'string') return null;
  const name = proc.value;
  const args = (n.arguments as Node[]).map(compileNode);
  if (args.some((a) => !a)) return null;
  const all = (piped ? [piped, ...args] : args) as FastFn[];
  const impl = IMPLS.get(name);
  if (impl) {
    return (input, env) => {
      const values = all.map((a) => a(input, env));
      return impl.apply(env.focus, values);
    };
  }
  const builtin = BUILTINS[name];
  if (builtin) return (input, env) => builtin(all.map((a) => a(input, env)));
  return null;
}

/** Compile an expression's AST to a closure, or null when it is outside the fast subset. */
export function compileFast(ast: unknown): FastFn | null {
  if (ast === null || typeof ast !== 'object') return null;
  return compileNode(ast as Node);
}

export function fastEnv(root: unknown, bindings: Record<string, unknown>): FastEnv {
  return {
    root,
    bindings,
    focus: { environment: { lookup: (name: string) => (name === STATE_BINDING ? bindings[STATE_BINDING] : bindings[name]) } },
  };
}
